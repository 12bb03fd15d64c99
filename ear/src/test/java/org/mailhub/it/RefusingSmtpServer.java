package org.mailhub.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP server on loopback that takes every message (keeping its recipient, discarding the rest)
 * but refuses the recipients whose address starts with a prefix, with the reply a mail server gives
 * for an unknown user; it counts the connections clients open and can drop them all, as servers do
 * with idle clients. GreenMail accepts every recipient and keeps every message, so the refusal and
 * the benchmark need a server of their own.
 */
public final class RefusingSmtpServer implements AutoCloseable {

  private final ServerSocket socket;
  private final String refusedPrefix;
  private final String reply;
  private final Queue<String> recipients = new ConcurrentLinkedQueue<>();
  private final Queue<String> accepted = new ConcurrentLinkedQueue<>();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger connections = new AtomicInteger();

  /** A server that refuses nobody. */
  public RefusingSmtpServer() throws IOException {
    this("\0", "550 5.1.1 never");
  }

  RefusingSmtpServer(String refusedPrefix, String reply) throws IOException {
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.refusedPrefix = refusedPrefix.toLowerCase(Locale.ROOT);
    this.reply = reply;
    Thread acceptor = new Thread(this::serve, "refusing-smtp");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return socket.getLocalPort();
  }

  /** The connections clients have opened so far. */
  public int connections() {
    return connections.get();
  }

  /** Closes every client connection, as a server does with clients idle too long. */
  void dropConnections() throws IOException {
    for (Socket client : open) {
      client.close();
    }
  }

  /** Every address a client named in RCPT TO, refused or not. */
  List<String> recipients() {
    return List.copyOf(recipients);
  }

  /** The recipients of the messages taken. */
  public List<String> accepted() {
    return List.copyOf(accepted);
  }

  private void serve() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        connections.incrementAndGet();
        open.add(client);
        Thread session = new Thread(() -> converse(client), "refusing-smtp-session");
        session.setDaemon(true);
        session.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void converse(Socket client) {
    try (client;
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII)) {
      answer(out, "220 refusing.localhost ESMTP");
      String rcpt = null;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String command = line.toUpperCase(Locale.ROOT);
        if (command.startsWith("RCPT TO:")) {
          String address = line.substring(8).replaceAll("[<>\\s]", "").toLowerCase(Locale.ROOT);
          recipients.add(address);
          if (address.startsWith(refusedPrefix)) {
            answer(out, reply);
          } else {
            rcpt = address;
            answer(out, "250 2.1.5 OK");
          }
        } else if (command.equals("DATA")) {
          answer(out, "354 go ahead");
          for (String data = in.readLine(); data != null && !data.equals("."); ) {
            data = in.readLine();
          }
          accepted.add(rcpt);
          rcpt = null;
          answer(out, "250 2.0.0 queued");
        } else if (command.equals("QUIT")) {
          answer(out, "221 2.0.0 bye");
          return;
        } else {
          answer(out, "250 OK"); // EHLO, MAIL FROM, RSET, NOOP
        }
      }
    } catch (IOException ignored) {
      // the client went away
    } finally {
      open.remove(client);
    }
  }

  private static void answer(Writer out, String reply) throws IOException {
    out.write(reply + "\r\n");
    out.flush();
  }

  @Override
  public void close() throws IOException {
    dropConnections();
    socket.close();
  }
}
