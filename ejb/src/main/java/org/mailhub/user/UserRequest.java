package org.mailhub.user;

/** A user to add; the password is only ever stored as a hash. */
public record UserRequest(String username, String password, Role role) {}
