package com.opulenthorizons.gateway.zoho;

/**
 * Which way a lead travels. The constants are spelled as on the wire ({@code "inbound"}), so that
 * binding and the "must be one of" message need no mapping.
 */
public enum SyncDirection {
    /** Zoho to the gateway: the Zoho lead is ingested locally and gets an OHID. */
    inbound,
    /** The gateway to Zoho: the local lead is upserted into Zoho (Email as the duplicate check). */
    outbound,
    /** Inbound, then outbound. */
    bidirectional;

    boolean includesInbound() {
        return this != outbound;
    }

    boolean includesOutbound() {
        return this != inbound;
    }
}
