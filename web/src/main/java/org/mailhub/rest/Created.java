package org.mailhub.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * A 201 answer: the new resource, with {@code Location} naming it under the called path (the key
 * encoded whole, an address's {@code /} or {@code {}} included). ApiDocument declares the header
 * for every 201.
 */
public final class Created {

  private Created() {}

  public static Response at(UriInfo uri, Object key, Object resource) {
    return Response.created(uri.getAbsolutePathBuilder().path("{key}").build(key))
        .entity(resource)
        .build();
  }
}
