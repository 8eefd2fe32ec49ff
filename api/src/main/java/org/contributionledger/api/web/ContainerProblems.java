package org.contributionledger.api.web;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.catalina.connector.Response;
import org.contributionledger.api.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Problems written by the servlet container's valves, which answer before (or without) Spring MVC
 * and its ObjectMapper. Same shape as every other problem of the API.
 */
final class ContainerProblems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ContainerProblems() {
    }

    /** Writes the problem as the whole body of a response nothing has been written to yet. */
    static void write(Response response, int status, String type, String title, String detail) throws IOException {
        byte[] body = JSON.writeValueAsBytes(problem(status, type, title, detail));
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The problem for a status the container set, through the error reporter's writer. */
    static void report(Writer writer, int status) throws IOException {
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error " + status : known.getReasonPhrase();
        writer.write(JSON.writeValueAsString(problem(status, typeOf(status, title), title, detailOf(status))));
    }

    private static Map<String, Object> problem(int status, String type, String title, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", Problems.TYPE_BASE + type);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        return problem;
    }

    private static String typeOf(int status, String title) {
        return switch (status) {
            case 400 -> "malformed-request";
            case 500 -> "internal-error";
            case 503 -> "unavailable";
            default -> title.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        };
    }

    /** Fixed words per status: the container's own message may echo the malformed input back. */
    private static String detailOf(int status) {
        return switch (status) {
            case 400 -> "The request line, path or headers are malformed (invalid characters or encoding, "
                    + "or headers larger than the server accepts)";
            case 404 -> "Nothing is served at this path";
            case 405 -> "This path does not accept this method";
            case 408 -> "The request did not arrive in time";
            case 413 -> "The request is larger than the server accepts";
            case 414 -> "The request path is longer than the server accepts";
            case 431 -> "The request headers are larger than the server accepts";
            case 501 -> "The server does not implement this method";
            case 505 -> "Only HTTP/1.1 and HTTP/1.0 are supported";
            case 503 -> "The server cannot take this request right now; retry in a moment";
            default -> status >= 500 ? "The server failed to process the request; nothing partial was recorded"
                    : "The server refused the request";
        };
    }
}
