package org.mailhub.suppression;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** An address to suppress by hand; the reason defaults to MANUAL. */
public record SuppressionRequest(
    @NotBlank @Email @Size(max = 320) String email, SuppressionReason reason) {}
