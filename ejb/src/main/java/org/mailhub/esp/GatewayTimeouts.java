package org.mailhub.esp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How long gateways wait for an ESP, whatever protocol they speak. */
@ApplicationScoped
public class GatewayTimeouts {

  @Inject
  @ConfigProperty(name = "mailhub.gateway.connect-timeout", defaultValue = "PT10S")
  Duration connect;

  @Inject
  @ConfigProperty(name = "mailhub.gateway.read-timeout", defaultValue = "PT30S")
  Duration read;

  public Duration connect() {
    return connect;
  }

  public Duration read() {
    return read;
  }
}
