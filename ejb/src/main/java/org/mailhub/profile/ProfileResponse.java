package org.mailhub.profile;

import jakarta.json.JsonObject;
import java.time.Instant;

public record ProfileResponse(
    Long id, String email, JsonObject properties, Instant createdAt, Instant updatedAt) {}
