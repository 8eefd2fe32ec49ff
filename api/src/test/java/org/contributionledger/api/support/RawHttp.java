package org.contributionledger.api.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * HTTP/1.1 over a plain loopback socket, byte for byte: for requests no HTTP client would send
 * (malformed paths, oversized headers, bodies that never arrive). Every exchange closes its socket.
 */
public final class RawHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RawHttp() {
    }

    /** Opens a loopback socket to the ledger; reads time out after {@code readTimeoutMs}. */
    public static Socket connect(int port, int readTimeoutMs) {
        try {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(readTimeoutMs);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends {@code request} exactly as given and reads the whole answer (the server closes, or 10 s
     * pass). The answer is checked against the OpenAPI document (see {@link OpenApiContract}); the
     * request, often malformed on purpose, is not.
     */
    public static Answer exchange(int port, String request) {
        Answer answer;
        try (Socket socket = connect(port, 10_000)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            answer = read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String[] requestLine = request.split("\r?\n", 2)[0].split(" ");
        if (requestLine.length == 3 && requestLine[1].startsWith("/")) {
            OpenApiContract.checkExchange(port, requestLine[0], requestLine[1], Map.of(), null, answer.status(),
                    answer.headers(), answer.body());
        }
        return answer;
    }

    /**
     * Reads one answer: status line, headers, and a body of Content-Length bytes (or up to the end
     * of the stream when there is none).
     */
    public static Answer read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("The server closed the connection without answering");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String length = headers.get("content-length");
        if (length != null) {
            body.write(in.readNBytes(Integer.parseInt(length)));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
        } else {
            try {
                in.transferTo(body);
            } catch (SocketTimeoutException e) {
                // No length and no close: what arrived is the body.
            }
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        return new Answer(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** One answer as it came over the wire; header names in lower case. */
    public record Answer(int status, Map<String, String> headers, String body) {

        public String contentType() {
            return headers.getOrDefault("content-type", "");
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (status " + status + ", " + contentType() + "): " + body, e);
            }
        }
    }
}
