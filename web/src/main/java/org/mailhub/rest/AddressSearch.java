package org.mailhub.rest;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The filter of the lists of addresses (profiles, suppressions): {@code email=} part of one. */
public class AddressSearch {

  @QueryParam("email")
  @Parameter(description = "part of the address, compared without case")
  private String email;

  /** What the addresses must contain, or null for every address. */
  public String text() {
    return email == null || email.isBlank() ? null : email;
  }
}
