package com.opulenthorizons.gateway.webform;

import java.util.UUID;

/**
 * What a submission led to. The public learns the ingest id only, never the person's OHID.
 *
 * @param stored false for a submission the honeypot caught: it is answered like any other, and not stored
 */
public record WebFormReceipt(UUID ingestId, boolean stored) {
}
