package org.mailhub.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;
import org.mailhub.callback.CallbackResource;

/** ESP webhooks under /callbacks, apart from the API (and, later, outside its sign-in). */
@ApplicationPath("callbacks")
public class CallbackApi extends Application {

  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(
        CallbackResource.class,
        RequestRejectedMapper.class,
        ValidationErrorMapper.class,
        ErrorMapper.class);
  }
}
