package org.mailhub.dispatch;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * This server as claims name it: a node name kept in the server's data directory (WildFly's {@code
 * jboss.node.name} and a random suffix, made at the first start), so that it outlives host names
 * that change with every container and differs between servers sharing a database; and a number
 * drawn at each start of the application. A claim of this node with another number was left by an
 * earlier start; a claim of another node is that node's business.
 */
@ApplicationScoped
public class Node {

  private final long boot = new SecureRandom().nextLong();
  private String name;

  @PostConstruct
  void init() {
    String dataDir = System.getProperty("jboss.server.data.dir");
    String base = System.getProperty("jboss.node.name", "mailhub");
    if (dataDir == null) {
      name = base;
      return;
    }
    Path file = Path.of(dataDir, "mailhub", "node-name");
    try {
      if (Files.exists(file)) {
        name = Files.readString(file, StandardCharsets.UTF_8).strip();
      } else {
        byte[] suffix = new byte[4];
        new SecureRandom().nextBytes(suffix);
        name = base + "-" + HexFormat.of().formatHex(suffix);
        Files.createDirectories(file.getParent());
        Files.writeString(file, name, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot keep the node's name in " + file, e);
    }
  }

  public String name() {
    return name;
  }

  public long boot() {
    return boot;
  }
}
