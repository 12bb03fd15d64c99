package org.mailhub.campaign;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * Where to send a campaign's test: up to five addresses, personalised with a profile's properties
 * ({@code profile}, its email) and/or given {@code properties}, which win over the profile's.
 */
public record TestSendRequest(
    @NotEmpty @Size(max = TestSendService.MAX_ADDRESSES)
        List<@NotBlank @Email @Size(max = 320) String> to,
    @Email @Size(max = 320) String profile,
    @Size(max = 100) Map<String, @Size(max = 10_000) String> properties) {}
