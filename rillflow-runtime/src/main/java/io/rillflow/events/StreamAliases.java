package io.rillflow.events;

import java.util.Optional;
import java.util.UUID;

/**
 * Natural keys for streams: an alias such as {@code "orders:42"} names one stream id, given the first
 * time the alias is resolved and never changed afterwards, so code that only knows a business key
 * can load and append to the stream (the RillFlow README's stream aliases).
 *
 * <pre>{@code
 * UUID orderId = store.events().aliases().resolve("orders:42");     // the same id for every caller
 * store.events().append(orderId, ExpectedVersion.any(), new OrderPlaced(...));
 * store.aggregates(Order.class).load(orderId);
 * }</pre>
 *
 * <p>Resolving is race-safe: concurrent first resolutions of one alias, in any number of processes,
 * all get the one id that was stored. An alias is 1 to 200 characters, not blank.
 */
public interface StreamAliases {

  /** The stream id of {@code alias}, given now (a new time-ordered UUID) when the alias is new. */
  UUID resolve(String alias);

  /** The stream id of {@code alias}, if it was ever resolved. */
  Optional<UUID> find(String alias);

  /** The alias that names {@code streamId}, if one does. */
  Optional<String> aliasOf(UUID streamId);
}
