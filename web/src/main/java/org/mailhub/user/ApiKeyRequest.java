package org.mailhub.user;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An API key to issue. The role is taken as text, so that a role that does not exist is a 400
 * naming {@code role} rather than unreadable JSON.
 */
public record ApiKeyRequest(
    @Schema(
            description = "what the key is for, 1 to 100 characters, unique without case",
            maxLength = ApiKey.MAX_NAME_LENGTH,
            examples = "nightly export")
        String name,
    @Schema(ref = "Role") String role) {}
