package com.opulenthorizons.gateway.store;

import static com.opulenthorizons.gateway.store.PostgresPeople.LEAD_COLUMNS;
import static com.opulenthorizons.gateway.store.PostgresPeople.bind;
import static com.opulenthorizons.gateway.store.PostgresPeople.leads;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.opulenthorizons.gateway.common.InvalidArgumentException;

/**
 * search_leads on PostgreSQL: every search walks one of the (filter, created_at DESC, id DESC)
 * indexes newest first, so a page stops as soon as it is full.
 * <p>
 * A search with words is <em>candidate-bounded</em>: it looks at no more than {@code textCandidates}
 * leads per call, the newest that pass the indexed filters (source, channel, time range, cursor),
 * and tests the stored {@code search_text} of each (sql/V16; the ingest fills it since V22). A
 * common word fills its page from the first few hundred; a rare one can leave the page short, and
 * the next cursor then goes on from the last lead looked at ({@link LeadPage#scanBounded()}). Its
 * total is counted among as many leads from the newest, so it is exact only when they are all the
 * leads that pass the other filters.
 * Before, a GIN index gathered every match of a prefix before the time range narrowed them: 50 to
 * 430 ms for a common word on a million leads, where a bounded walk of 2,000 took 0.4 to 3.7 ms.
 * <p>
 * Every search runs under {@code SEARCH_TIMEOUT_MS}, which refuses one that would read too much
 * (a rare has_call_after_lead answer over the whole table).
 */
final class PostgresLeadSearch {

    private static final String TEXT_MATCH = "l.search_text @@ to_tsquery('simple', ?)";
    private static final String NEWEST = " ORDER BY l.created_at DESC, l.id DESC";

    private final PostgresPeople people;
    private final int searchTimeoutMs;

    PostgresLeadSearch(PostgresPeople people, int searchTimeoutMs) {
        this.people = people;
        this.searchTimeoutMs = searchTimeoutMs;
    }

    /** The conditions an index serves, with their parameters. */
    private record Filter(List<String> conditions, List<Object> params) {

        static Filter indexed(LeadSearch s) {
            Filter f = new Filter(new ArrayList<>(), new ArrayList<>());
            f.add(s.sourceSystem() != null, "l.source_system = ?", s.sourceSystem());
            f.add(s.channel() != null, "l.channel = ?", s.channel());
            f.add(s.from() != null, "l.created_at >= ?", s.from() == null ? null : Timestamp.from(s.from()));
            f.add(s.to() != null, "l.created_at < ?", s.to() == null ? null : Timestamp.from(s.to()));
            return f;
        }

        Filter after(EventCursor cursor) {
            Filter f = new Filter(new ArrayList<>(conditions), new ArrayList<>(params));
            if (cursor != null) {
                f.conditions.add("(l.created_at, l.id) < (?, ?)");
                f.params.add(Timestamp.from(cursor.occurredAt()));
                f.params.add(cursor.id());
            }
            return f;
        }

        private void add(boolean present, String condition, Object param) {
            if (present) {
                conditions.add(condition);
                params.add(param);
            }
        }

        String where() {
            return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        }
    }

    LeadPage search(LeadSearch s) {
        try {
            // a bound on every search; plans made for these values (a generic plan does not know how
            // narrow a time range is); no parallel workers for queries meant to take milliseconds
            String settings = PostgresPeople.READ_SNAPSHOT + "; SET LOCAL statement_timeout = " + searchTimeoutMs
                    + "; SET LOCAL plan_cache_mode = force_custom_plan; SET LOCAL max_parallel_workers_per_gather = 0";
            return people.inTransaction(settings, c -> s.words().isEmpty() ? indexedSearch(c, s) : textSearch(c, s));
        } catch (StoreUnavailableException e) {
            if (PostgresTransactions.hasSqlState(e, PostgresTransactions.QUERY_CANCELED)) {
                throw InvalidArgumentException.several("the search would read too much of the table (over SEARCH_TIMEOUT_MS "
                        + searchTimeoutMs + " ms); narrow it with source_system, channel, a time range or text");
            }
            throw e;
        }
    }

    /** No words: the filters in one walk of an index, the count up to its limit. */
    private static LeadPage indexedSearch(Connection c, LeadSearch s) throws SQLException {
        Filter all = Filter.indexed(s);
        if (s.hasCallAfterLead() != null) {
            all.conditions().add(calledBack(s.hasCallAfterLead()));
        }
        Filter page = all.after(s.after());
        List<StoredLead> rows = leads(c, "SELECT " + LEAD_COLUMNS + " FROM lead_context l" + page.where() + NEWEST
                + " LIMIT " + (s.limit() + 1), page.params().toArray());
        if (s.after() == null && rows.size() <= s.limit()) {
            return LeadPage.of(rows, s.limit(), rows.size(), s.countLimit()); // the first page holds every match
        }
        long matches = count(c, "SELECT count(*) FROM (SELECT 1 FROM lead_context l" + all.where() + " LIMIT "
                + (s.countLimit() + 1) + ") m", all.params())[0];
        return LeadPage.of(rows, s.limit(), matches, s.countLimit());
    }

    /** Words: the newest {@code textCandidates} leads that pass the indexed filters, tested one by one. */
    private static LeadPage textSearch(Connection c, LeadSearch s) throws SQLException {
        String query = String.join(" & ", s.words().stream().map(w -> w + ":*").toList());
        String matching = TEXT_MATCH + (s.hasCallAfterLead() == null ? "" : " AND " + calledBack(s.hasCallAfterLead()));
        Filter all = Filter.indexed(s);
        Filter page = all.after(s.after());
        List<Object> pageParams = new ArrayList<>(page.params());
        pageParams.add(query);
        List<StoredLead> rows = leads(c, "SELECT " + LEAD_COLUMNS + " FROM (" + candidates("*", page, s) + ") l WHERE "
                + matching + NEWEST + " LIMIT " + (s.limit() + 1), pageParams.toArray());
        EventCursor lastCandidate = null;
        if (rows.size() <= s.limit()) {
            lastCandidate = lastCandidate(c, page, s);
            if (s.after() == null) { // the page holds every match among the candidates
                return LeadPage.bounded(rows, s.limit(), rows.size(), lastCandidate == null, s.countLimit(), lastCandidate);
            }
        }
        List<Object> countParams = new ArrayList<>(List.of(query)); // the FILTER's placeholder comes first
        countParams.addAll(all.params());
        long[] n = count(c, "SELECT count(*) FILTER (WHERE " + matching + "), count(*) FROM ("
                + candidates("l.search_text, l.called_back", all, s) + ") l", countParams);
        return LeadPage.bounded(rows, s.limit(), n[0], n[1] < s.textCandidates(), s.countLimit(), lastCandidate);
    }

    /** has_call_after_lead, as marked on the lead when the call or the lead was stored ({@link PostgresEventAppender}). */
    private static String calledBack(boolean wanted) {
        return wanted ? "l.called_back" : "NOT l.called_back";
    }

    private static String candidates(String columns, Filter filter, LeadSearch s) {
        return "SELECT " + columns + " FROM lead_context l" + filter.where() + NEWEST + " LIMIT " + s.textCandidates();
    }

    /** The last of a full set of candidates, where the next page goes on; null when there were fewer. */
    private static EventCursor lastCandidate(Connection c, Filter page, LeadSearch s) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT l.created_at, l.id FROM lead_context l" + page.where() + NEWEST
                + " OFFSET " + (s.textCandidates() - 1) + " LIMIT 1")) {
            bind(q, page.params().toArray());
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? new EventCursor(rs.getTimestamp(1).toInstant(), rs.getObject(2, UUID.class)) : null;
            }
        }
    }

    private static long[] count(Connection c, String sql, List<Object> params) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            bind(q, params.toArray());
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                long[] n = new long[rs.getMetaData().getColumnCount()];
                for (int i = 0; i < n.length; i++) {
                    n[i] = rs.getLong(i + 1);
                }
                return n;
            }
        }
    }
}
