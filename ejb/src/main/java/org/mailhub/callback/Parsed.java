package org.mailhub.callback;

import java.util.List;

/** What a parser made of a webhook body: the events it understood and the ones it could not. */
public record Parsed(int total, List<Incoming> events, List<Unprocessed> unprocessed) {}
