package com.opulenthorizons.gateway.zoho;

import java.util.Map;
import java.util.UUID;

/**
 * Answer of sync_lead. {@code status} is {@code success} when every direction asked for worked,
 * {@code partial} when one of two did, {@code failed} when none did. The per-direction flags and
 * errors are present only for the directions that ran.
 */
public record SyncLeadResult(
        String status,
        Boolean inboundSuccess,
        Boolean outboundSuccess,
        String zohoLeadId,
        UUID ohid,
        UUID ingestId,
        String outboundAction,
        Map<String, String> errors,
        long executionTimeMs) {

    public static final String SUCCESS = "success";
    public static final String PARTIAL = "partial";
    public static final String FAILED = "failed";

    /** The status for the outcomes of the directions that ran ({@code null} = did not run). */
    public static String statusOf(Boolean inbound, Boolean outbound) {
        int ran = (inbound == null ? 0 : 1) + (outbound == null ? 0 : 1);
        int ok = (Boolean.TRUE.equals(inbound) ? 1 : 0) + (Boolean.TRUE.equals(outbound) ? 1 : 0);
        if (ran > 0 && ok == ran) {
            return SUCCESS;
        }
        return ok == 0 ? FAILED : PARTIAL;
    }
}
