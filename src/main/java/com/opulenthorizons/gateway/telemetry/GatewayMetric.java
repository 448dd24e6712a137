package com.opulenthorizons.gateway.telemetry;

/**
 * The gateway's metrics: OpenTelemetry instrument names (exported over OTLP), and the names the
 * Prometheus text of {@code GET /admin/metrics} derives from them (dots become underscores, seconds
 * get {@code _seconds}, counters {@code _total}).
 */
public enum GatewayMetric {

    MCP_OPERATION_DURATION("mcp.server.operation.duration", Kind.HISTOGRAM, "s",
            "MCP requests by method, tool and outcome (error.type on failure)"),
    LEADS_INGESTED("gateway.leads.ingested", Kind.COUNTER, "{lead}",
            "Lead ingests by source and channel; replays of an earlier ingest count as created=false"),
    ZOHO_CALLS("gateway.zoho.calls", Kind.COUNTER, "{call}",
            "Zoho CRM calls by outcome and the circuit breaker state the call showed"),
    ZOHO_TOKEN_REFRESHES("gateway.zoho.token.refreshes", Kind.COUNTER, "{refresh}",
            "Zoho access token refreshes by outcome"),
    RATE_LIMIT_REFUSALS("gateway.rate_limit.refusals", Kind.COUNTER, "{request}",
            "Requests refused by a rate limit, by limit"),
    OUTBOX_DELIVERIES("gateway.outbox.deliveries", Kind.COUNTER, "{attempt}",
            "Workflow webhook delivery attempts by outcome"),
    OUTBOX_DELIVERY_LAG("gateway.outbox.delivery.lag", Kind.HISTOGRAM, "s",
            "Time from an event's creation to its delivery"),
    OUTBOX_EVENTS("gateway.outbox.events", Kind.GAUGE, "{event}",
            "Workflow events waiting for delivery (status=pending) or failed for good (status=failed)"),
    OUTBOX_PAUSED("gateway.outbox.paused", Kind.GAUGE, "1",
            "1 while delivery is paused for a dead receiver, else 0");

    enum Kind { COUNTER, HISTOGRAM, GAUGE }

    private final String otelName;
    private final Kind kind;
    private final String unit;
    private final String description;

    GatewayMetric(String otelName, Kind kind, String unit, String description) {
        this.otelName = otelName;
        this.kind = kind;
        this.unit = unit;
        this.description = description;
    }

    public String otelName() {
        return otelName;
    }

    Kind kind() {
        return kind;
    }

    String unit() {
        return unit;
    }

    String description() {
        return description;
    }

    /** The Prometheus family name, without the {@code _total} of counters. */
    String prometheusName() {
        String name = otelName.replace('.', '_');
        return "s".equals(unit) ? name + "_seconds" : name;
    }
}
