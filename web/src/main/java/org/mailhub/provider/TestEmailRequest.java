package org.mailhub.provider;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import java.util.Map;

/** Where to send a test email, and values for the provider's campaign-level placeholders. */
public record TestEmailRequest(@NotBlank @Email String to, Map<String, String> placeholders) {}
