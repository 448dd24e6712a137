package com.opulenthorizons.gateway.meta;

import java.util.Map;

/**
 * One {@code leadgen} change of a Meta page webhook: {@code entry[].changes[].value}. Only the
 * lead's id is needed to fetch it; the rest is kept for status and for the failure event.
 *
 * @param createdTime Unix seconds, as Meta sends it; null when absent
 * @param value the change's value as Meta sent it
 */
public record LeadgenNotification(String leadgenId, String formId, String pageId, String adId, Long createdTime,
        Map<String, Object> value) {
}
