package org.mailhub.profile;

import jakarta.json.JsonObject;

/** One profile as imported: its address and the properties to set on it. */
public record ProfileRow(String email, JsonObject properties) {}
