package org.mailhub.dispatch;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;

/**
 * This server as claims name it: the node's name (WildFly's {@code jboss.node.name}, the host name
 * by default) and a number drawn at each start of the application. A claim of this node with
 * another number was left by an earlier start; a claim of another node is that node's business.
 */
@ApplicationScoped
public class Node {

  private final String name = nodeName();
  private final long boot = new SecureRandom().nextLong();

  public String name() {
    return name;
  }

  public long boot() {
    return boot;
  }

  private static String nodeName() {
    String configured = System.getProperty("jboss.node.name");
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
