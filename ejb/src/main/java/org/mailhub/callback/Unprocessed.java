package org.mailhub.callback;

import jakarta.json.JsonValue;

/** An event of a webhook that was not processed, and why. */
public record Unprocessed(int index, JsonValue event, String reason) {}
