package com.opulenthorizons.gateway.webhook;

/** The delivery state a replay by filter takes its events from: only FAILED ones are replayed in bulk. */
public enum ReplayableStatus {
    FAILED
}
