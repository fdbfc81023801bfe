package io.rillflow.subscriptions;

import java.time.Instant;

/**
 * A subscription as created.
 *
 * @param name its name
 * @param filter which events it delivers (its start as created: {@code now} is stored as the
 *     checkpoint it stood for)
 * @param partitions how many partitions its groups split streams into
 * @param createdAt when it was created
 */
public record SubscriptionInfo(String name, SubscriptionFilter filter, int partitions, Instant createdAt) {}
