package org.contributionledger.query.asof;

import java.util.Optional;

import org.contributionledger.query.directory.DirectoryProjection;
import org.contributionledger.query.directory.FindMember;
import org.contributionledger.query.directory.Member;
import org.contributionledger.query.history.HistoricalViews;
import org.contributionledger.query.reciprocity.FindPairwiseReciprocity;
import org.contributionledger.query.reciprocity.FindReciprocity;
import org.contributionledger.query.reciprocity.PairwiseReciprocity;
import org.contributionledger.query.reciprocity.Reciprocity;
import org.contributionledger.query.reciprocity.ReciprocityQueries;
import org.contributionledger.query.statement.FindStatement;
import org.contributionledger.query.statement.Statement;
import org.contributionledger.query.statement.StatementQueries;
import org.contributionledger.query.stats.CommunityStats;
import org.contributionledger.query.stats.FindCommunityStats;
import org.contributionledger.query.stats.StatsQueries;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The reads of the SQL views as of an event position: the live query classes, unchanged, over the
 * views as they stood right after that position ({@link HistoricalViews}), so that each answers
 * exactly what it answered then.
 */
@Component
public class ViewsAsOf {

    private final HistoricalViews views;
    private final ObjectMapper json;

    public ViewsAsOf(HistoricalViews views, ObjectMapper json) {
        this.views = views;
        this.json = json;
    }

    public Optional<Member> handle(FindMember query, long position) {
        return new DirectoryProjection(views.at(query.communityId(), position), json).handle(query);
    }

    public Statement handle(FindStatement query, long position) {
        return new StatementQueries(views.at(query.communityId(), position)).handle(query);
    }

    public Optional<Reciprocity> handle(FindReciprocity query, long position) {
        return reciprocity(query.communityId(), position).handle(query);
    }

    public Optional<PairwiseReciprocity> handle(FindPairwiseReciprocity query, long position) {
        return reciprocity(query.communityId(), position).handle(query);
    }

    public Optional<CommunityStats> handle(FindCommunityStats query, long position) {
        JdbcTemplate past = views.at(query.communityId(), position);
        return new StatsQueries(past, new DirectoryProjection(past, json)).handle(query);
    }

    private ReciprocityQueries reciprocity(String communityId, long position) {
        JdbcTemplate past = views.at(communityId, position);
        return new ReciprocityQueries(past, new DirectoryProjection(past, json));
    }
}
