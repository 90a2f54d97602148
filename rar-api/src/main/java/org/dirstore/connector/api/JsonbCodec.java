package org.dirstore.connector.api;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import org.dirstore.txn.Codec;

/**
 * A {@link Codec} that maps values of one class to UTF-8 JSON with JSON-B (Yasson in WildFly).
 * Instances are thread-safe and cheap; they share one {@link Jsonb}.
 */
public final class JsonbCodec<T> implements Codec<T> {

    private static final class Holder {
        static final Jsonb JSONB = JsonbBuilder.create();
    }

    private final Class<T> type;

    private JsonbCodec(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    /** A codec for {@code type}. */
    public static <T> JsonbCodec<T> of(Class<T> type) {
        return new JsonbCodec<>(type);
    }

    @Override
    public byte[] encode(T value) {
        return Holder.JSONB.toJson(value).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public T decode(byte[] bytes) {
        return Holder.JSONB.fromJson(new String(bytes, StandardCharsets.UTF_8), type);
    }
}
