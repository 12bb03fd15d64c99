package org.mailhub.profile;

import java.util.List;

public record ProfilePage(List<ProfileResponse> items, int page, int size, long total) {}
