package org.contributionledger.api.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.contributionledger.api.openapi.Refuses;
import org.contributionledger.api.paging.QueryParameters;
import org.contributionledger.api.problem.NotFound;
import org.contributionledger.core.common.InvalidField;
import org.contributionledger.query.audit.EventExport;
import org.contributionledger.query.audit.EventExportFilter;
import org.contributionledger.query.directory.Community;
import org.contributionledger.query.directory.FindCommunity;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A community's history and network as files for analysts (docs/audit.md, "Export"). The answer is
 * written to the response as it is read, page by page, never held whole: memory stays constant
 * however long the history. It is written on the request's own thread rather than handed to an
 * async StreamingResponseBody, whose request timeout (30 s by default) would cut a long export short.
 * Every filter is checked before the first byte, so a bad one is a problem answer, never a cut file.
 */
@RestController
@Tag(name = "Export", description = "A community's events (JSON Lines, CSV) and network (GEXF, GraphML, CSV edge list) as files")
@RequestMapping("/api/v1/communities/{communityId}/export")
public class ExportController {

    private final QueryGateway queries;
    private final EventExport events;
    private final NetworkExport network;

    public ExportController(QueryGateway queries, EventExport events, NetworkExport network) {
        this.queries = queries;
        this.events = events;
        this.network = network;
    }

    /** The formats of the event export. */
    enum EventFormat {
        JSONL("application/x-ndjson"), CSV("text/csv");

        final String mediaType;

        EventFormat(String mediaType) {
            this.mediaType = mediaType;
        }
    }

    /** The formats of the network export. */
    enum NetworkFormat {
        GEXF("application/gexf+xml"), GRAPHML("application/graphml+xml"), CSV("text/csv");

        final String mediaType;

        NetworkFormat(String mediaType) {
            this.mediaType = mediaType;
        }
    }

    @GetMapping("/events")
    @Operation(operationId = "exportEvents", summary = "The community's events as stored, with their chain digests",
            description = "Oldest first. JSON Lines: one object per event with every stored column, its provenance,"
                    + " its chain digest and the digest before it, so each line is checked on its own:"
                    + " SHA-256(previousDigest || canonical bytes) == digest (docs/audit.md). CSV (RFC 4180): one row"
                    + " per event with the payload as JSON text. Events stored after the export starts are not in it.")
    @ApiResponse(responseCode = "200", description = "The events", content = {
            @Content(mediaType = "application/x-ndjson", schema = @Schema(type = "string")),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    @Refuses
    public void exportEvents(
            @PathVariable String communityId,
            @Parameter(description = "jsonl (default) or csv", schema = @Schema(allowableValues = {"jsonl", "csv"}))
            @RequestParam(required = false) String format,
            @Parameter(description = "Only events whose payload names this member (giver, receiver, truster, trustee, memberId)")
            @RequestParam(required = false) String member,
            @Parameter(description = "Only events of this category") @RequestParam(required = false) String category,
            @Parameter(description = "Only events stored at or after this instant (ISO-8601)",
                    schema = @Schema(type = "string", format = "date-time", example = "2026-01-15T10:00:00Z")) @RequestParam(required = false) String from,
            @Parameter(description = "Only events stored before this instant (ISO-8601)",
                    schema = @Schema(type = "string", format = "date-time", example = "2026-02-01T00:00:00Z")) @RequestParam(required = false) String to,
            @Parameter(description = "Only events at this position or after") @RequestParam(required = false) Long fromPosition,
            @Parameter(description = "Only events at this position or before") @RequestParam(required = false) Long toPosition,
            HttpServletResponse response) throws IOException {
        EventFormat chosen = format == null ? EventFormat.JSONL
                : QueryParameters.oneOf("format", format, EventFormat.class, QueryParameters::lowerCase);
        Instant since = QueryParameters.instant("from", from);
        Instant until = QueryParameters.instant("to", to);
        if (since != null && until != null && since.isAfter(until)) {
            throw new InvalidField("from", "from (" + from + ") must not be after to (" + to + ")");
        }
        if ((fromPosition != null && fromPosition < 0) || (toPosition != null && toPosition < 0)) {
            throw new InvalidField(fromPosition != null && fromPosition < 0 ? "fromPosition" : "toPosition",
                    "positions start at 0; fromPosition and toPosition must not be negative");
        }
        if (fromPosition != null && toPosition != null && fromPosition > toPosition) {
            throw new InvalidField("fromPosition", "fromPosition (" + fromPosition + ") must not be above toPosition ("
                    + toPosition + ")");
        }
        requireCommunity(communityId);
        EventExportFilter filter = new EventExportFilter(communityId, member, category, since, until, fromPosition, toPosition);
        OutputStream out = start(response, chosen.mediaType, communityId + "-events." + QueryParameters.lowerCase(chosen));
        if (chosen == EventFormat.CSV) {
            out.write(EventLines.CSV_HEADER.getBytes(StandardCharsets.UTF_8));
        }
        events.forEach(filter, event -> {
            try {
                if (chosen == EventFormat.JSONL) {
                    EventLines.jsonLine(event, out);
                } else {
                    EventLines.csvRow(event, out);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        out.flush();
    }

    @GetMapping("/network")
    @Operation(operationId = "exportNetwork", summary = "The community's members, trust and confirmed gifts as a graph",
            description = "Nodes: members with displayName, influence, role and reciprocity (given and received, count"
                    + " and value). Edges: trust (weight = level, per category) and confirmed gifts (weight = summed"
                    + " value, with count, per category), told apart by the attribute kind = trust | gift. GEXF 1.3 and"
                    + " GraphML open in Gephi and networkx; csv is an edge list source,target,kind,weight,category.")
    @ApiResponse(responseCode = "200", description = "The network", content = {
            @Content(mediaType = "application/gexf+xml", schema = @Schema(type = "string")),
            @Content(mediaType = "application/graphml+xml", schema = @Schema(type = "string")),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    @Refuses(also = "503 reputation-replaying")
    public void exportNetwork(
            @PathVariable String communityId,
            @Parameter(description = "gexf (default), graphml or csv", schema = @Schema(allowableValues = {"gexf", "graphml", "csv"}))
            @RequestParam(required = false) String format,
            HttpServletResponse response) throws IOException {
        NetworkFormat chosen = format == null ? NetworkFormat.GEXF
                : QueryParameters.oneOf("format", format, NetworkFormat.class, QueryParameters::lowerCase);
        requireCommunity(communityId);
        NetworkExport.Graph graph = network.read(communityId);
        OutputStream out = start(response, chosen.mediaType, communityId + "-network." + QueryParameters.lowerCase(chosen));
        switch (chosen) {
            case GEXF -> NetworkFiles.gexf(graph, out);
            case GRAPHML -> NetworkFiles.graphml(graph, out);
            case CSV -> NetworkFiles.csv(graph, out);
        }
        out.flush();
    }

    private static OutputStream start(HttpServletResponse response, String mediaType, String fileName) throws IOException {
        response.setContentType(mediaType + ";charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"");
        return response.getOutputStream();
    }

    private void requireCommunity(String communityId) {
        queries.query(new FindCommunity(communityId), ResponseTypes.optionalInstanceOf(Community.class)).join()
                .orElseThrow(() -> new NotFound("Community '" + communityId + "' does not exist"));
    }
}
