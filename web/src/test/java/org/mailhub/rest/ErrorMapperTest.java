package org.mailhub.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

class ErrorMapperTest {

  @Test
  void httpErrorsGetAStableCodeFromTheirReason() {
    assertEquals("NOT_FOUND", ErrorMapper.code(Response.Status.NOT_FOUND));
    assertEquals("METHOD_NOT_ALLOWED", ErrorMapper.code(Response.Status.METHOD_NOT_ALLOWED));
    assertEquals(
        "UNSUPPORTED_MEDIA_TYPE", ErrorMapper.code(Response.Status.UNSUPPORTED_MEDIA_TYPE));
    assertEquals(
        "REQUEST_ENTITY_TOO_LARGE", ErrorMapper.code(Response.Status.REQUEST_ENTITY_TOO_LARGE));
  }
}
