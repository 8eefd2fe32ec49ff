package org.contributionledger.api.live;

import java.io.IOException;
import java.time.Duration;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.contributionledger.api.openapi.Refuses;
import org.contributionledger.api.problem.NotFound;
import org.contributionledger.api.problem.Problems;
import org.contributionledger.core.common.InvalidField;
import org.contributionledger.query.directory.Community;
import org.contributionledger.query.directory.FindCommunity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * What happens in a community, as it happens: server-sent events, read with the community's key in
 * the {@code Authorization} header (a browser reads it with {@code fetch}; {@code EventSource} cannot
 * send headers). The request is served asynchronously: an open stream holds a connection, no thread.
 */
@RestController
@Tag(name = "Dashboard")
@RequestMapping("/api/v1/communities/{communityId}")
public class LiveEventsController {

    static final int DEFAULT_SECONDS = 600;
    static final int MAX_SECONDS = 3600;
    /** When a client refused for too many open streams may try again. */
    private static final int RETRY_AFTER_SECONDS = 30;

    private final LiveStreams streams;
    private final QueryGateway queries;

    public LiveEventsController(LiveStreams streams, QueryGateway queries) {
        this.streams = streams;
        this.queries = queries;
    }

    @GetMapping(value = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(operationId = "streamEvents", summary = "The community's acts, trust and membership changes as they are stored (server-sent events)",
            description = "First an `open` event, then `act`, `trust` and `member` events, each with a JSON object "
                    + "(`type` names the ledger event; ids, category, value, status, level, display name; never "
                    + "descriptions or notes), and a `keep-alive` comment every 15 s. The stream ends after "
                    + "`seconds`; reconnect to go on. Nothing from before the stream opened is sent.")
    @ApiResponse(responseCode = "200", description = "The stream",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string")))
    @Refuses(also = {"503 too-many-live-streams"})
    public SseEmitter events(@PathVariable String communityId,
                             @Parameter(description = "How long the stream stays open, 1 to " + MAX_SECONDS
                                     + " seconds; then it ends and the client reconnects")
                             @RequestParam(defaultValue = "" + DEFAULT_SECONDS) int seconds) {
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw new InvalidField("seconds", "seconds must be between 1 and " + MAX_SECONDS + ", not " + seconds);
        }
        requireCommunity(communityId);
        return streams.open(communityId, Duration.ofSeconds(seconds));
    }

    /** An unknown community is a 404, as for every read, rather than a stream on which nothing ever comes. */
    private void requireCommunity(String communityId) {
        queries.query(new FindCommunity(communityId), ResponseTypes.optionalInstanceOf(Community.class)).join()
                .orElseThrow(() -> new NotFound("Community '" + communityId + "' does not exist"));
    }

    /**
     * A client that went away (an IOException, Spring's AsyncRequestNotUsableException among them) is
     * no failure: its stream has ended (LiveStreams forgets it), and there is nobody to answer. Without
     * this the container's report of the broken connection would reach the general handler and be
     * logged as an unexpected error.
     */
    @ExceptionHandler(IOException.class)
    public void clientWentAway() {
        // Nothing to write: the connection is gone.
    }

    @ExceptionHandler(LiveStreams.TooManyStreams.class)
    public ResponseEntity<ProblemDetail> tooMany(LiveStreams.TooManyStreams failure) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "too-many-live-streams", "Too many event streams",
                        failure.getMessage() + "; retry after " + RETRY_AFTER_SECONDS + " s"));
    }
}
