package com.opulenthorizons.gateway.webhook;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The direct (non-MCP) webhook receivers live under /webhooks. */
@ApplicationPath("/webhooks")
public class WebhookApplication extends Application {
}
