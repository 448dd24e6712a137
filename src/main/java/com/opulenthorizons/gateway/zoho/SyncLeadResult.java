package com.opulenthorizons.gateway.zoho;

import java.util.Map;
import java.util.UUID;

import com.opulenthorizons.gateway.common.Description;

import jakarta.validation.constraints.NotNull;

/**
 * Answer of sync_lead. The per-direction flags and errors are present only for the directions
 * that ran.
 */
public record SyncLeadResult(
        @Description("Overall outcome") @NotNull Status status,
        @Description("Whether the inbound part worked (present when it ran)") Boolean inboundSuccess,
        @Description("Whether the outbound part worked (present when it ran)") Boolean outboundSuccess,
        @Description("The Zoho lead's id") @NotNull String zohoLeadId,
        @Description("The person's OHID, when known") UUID ohid,
        @Description("The local lead's ingest id, after inbound") UUID ingestId,
        @Description("What Zoho did with the outbound upsert") ZohoWriteAction outboundAction,
        @Description("What went wrong, per direction (inbound, outbound)") Map<String, String> errors,
        @Description("Duration of the sync") long executionTimeMs) {

    /**
     * {@code success} when every direction asked for worked, {@code partial} when one of two did,
     * {@code failed} when none did. Spelled as on the wire.
     */
    public enum Status {
        success, partial, failed
    }

    /** The status for the outcomes of the directions that ran ({@code null} = did not run). */
    public static Status statusOf(Boolean inbound, Boolean outbound) {
        int ran = (inbound == null ? 0 : 1) + (outbound == null ? 0 : 1);
        int ok = (Boolean.TRUE.equals(inbound) ? 1 : 0) + (Boolean.TRUE.equals(outbound) ? 1 : 0);
        if (ran > 0 && ok == ran) {
            return Status.success;
        }
        return ok == 0 ? Status.failed : Status.partial;
    }
}
