package org.carewatch.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Builds a {@link CareWatchConfig} from three layers: the documented defaults, an optional YAML file and
 * {@code CAREWATCH_*} environment variables (highest). The defaults file is also the schema: a key that is
 * not in it is unknown, wherever it comes from.
 */
public final class ConfigLoader {
    public static final String ENV_PREFIX = "CAREWATCH_";
    private static final String DEFAULTS = "/org/carewatch/core/config/defaults.yaml";

    private final ObjectMapper yaml = JsonMapper.builder(new YAMLFactory())
            .addModule(new JavaTimeModule())
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** Where each key's value came from, for error messages. */
    private final Map<String, String> sources = new HashMap<>();

    public static CareWatchConfig load(Path fileOrNull, Map<String, String> env) {
        return new ConfigLoader().build(fileOrNull, env);
    }

    public static CareWatchConfig defaults() {
        return load(null, Map.of());
    }

    private CareWatchConfig build(Path file, Map<String, String> env) {
        ObjectNode tree = readDefaults();
        if (file != null) {
            overlay(tree, readFile(file), "", file.toString());
        }
        applyEnvironment(tree, env);
        return bind(tree);
    }

    private ObjectNode readDefaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS)) {
            return (ObjectNode) yaml.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("built-in defaults unreadable", e);
        }
    }

    private JsonNode readFile(Path file) {
        try {
            JsonNode node = yaml.readTree(Files.readString(file));
            if (node == null || node.isMissingNode() || node.isNull()) {
                return yaml.createObjectNode();
            }
            if (!node.isObject()) {
                throw new ConfigException("config file " + file + ": must be a YAML mapping of keys to values");
            }
            return node;
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + ": not found");
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new ConfigException("config file " + file + ": not valid YAML"
                    + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr())
                    + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException("config file " + file + ": unreadable: " + e.getMessage());
        }
    }

    /** Copies {@code from} into {@code into}, refusing keys that the defaults do not have. */
    private void overlay(ObjectNode into, JsonNode from, String prefix, String source) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            var e = it.next();
            String key = prefix + e.getKey();
            JsonNode current = into.get(e.getKey());
            if (current == null) {
                throw new ConfigException(key, "unknown key in " + source + suggestion(into));
            }
            if (current.isObject()) {
                if (!e.getValue().isObject()) {
                    throw new ConfigException(key, "must be a mapping with keys " + keys(current) + " (in " + source + ")");
                }
                overlay((ObjectNode) current, e.getValue(), key + ".", source);
            } else {
                if (e.getValue().isContainerNode()) {
                    throw new ConfigException(key, "must be a single value, not a list or mapping (in " + source + ")");
                }
                into.set(e.getKey(), e.getValue().isNull() ? TextNode.valueOf("") : e.getValue());
                sources.put(key, source);
            }
        }
    }

    private void applyEnvironment(ObjectNode tree, Map<String, String> env) {
        Map<String, String> known = new HashMap<>();
        collectEnvNames(tree, "", known);
        for (var e : env.entrySet()) {
            if (!e.getKey().startsWith(ENV_PREFIX)) {
                continue;
            }
            String path = known.get(e.getKey());
            if (path == null) {
                throw new ConfigException("environment variable " + e.getKey() + " is not a CareWatch setting; known: "
                        + new TreeSet<>(known.keySet()));
            }
            set(tree, path, e.getValue());
            sources.put(path, "environment variable " + e.getKey());
        }
    }

    private static void collectEnvNames(JsonNode node, String prefix, Map<String, String> out) {
        node.fields().forEachRemaining(e -> {
            String path = prefix + e.getKey();
            if (e.getValue().isObject()) {
                collectEnvNames(e.getValue(), path + ".", out);
            } else {
                out.put(envName(path), path);
            }
        });
    }

    /** {@code store.poolSize} becomes {@code CAREWATCH_STORE_POOL_SIZE}. */
    public static String envName(String keyPath) {
        String snake = keyPath.replace('.', '_').replaceAll("([a-z0-9])([A-Z])", "$1_$2");
        return ENV_PREFIX + snake.toUpperCase(java.util.Locale.ROOT);
    }

    private static void set(ObjectNode tree, String path, String value) {
        String[] parts = path.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            node = (ObjectNode) node.get(parts[i]);
        }
        node.set(parts[parts.length - 1], TextNode.valueOf(value));
    }

    private CareWatchConfig bind(ObjectNode tree) {
        try {
            return yaml.treeToValue(tree, CareWatchConfig.class);
        } catch (JsonMappingException e) {
            Throwable root = rootCause(e);
            if (root instanceof ConfigException ce) {
                throw ce.key() == null ? ce : new ConfigException(ce.key(),
                        ce.getMessage().substring(ce.getMessage().indexOf("': ") + 3) + from(ce.key()));
            }
            String key = e.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
                    .collect(Collectors.joining("."));
            throw new ConfigException(key, describe(e) + from(key));
        } catch (JsonProcessingException e) {
            throw new ConfigException("configuration unreadable: " + e.getOriginalMessage());
        }
    }

    private String from(String key) {
        String src = sources.get(key);
        return src == null ? "" : " (from " + src + ")";
    }

    private static String describe(JsonMappingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException ife) {
            String target = ife.getTargetType().isEnum()
                    ? "one of " + java.util.Arrays.toString(ife.getTargetType().getEnumConstants()).toLowerCase(java.util.Locale.ROOT)
                    : "a valid " + friendly(ife.getTargetType());
            return "'" + ife.getValue() + "' is not " + target;
        }
        return e.getOriginalMessage();
    }

    private static String friendly(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class) {
            return "whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean (true or false)";
        }
        if (type == java.time.Duration.class) {
            return "ISO-8601 duration such as PT12H or P30D";
        }
        return type.getSimpleName();
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String suggestion(JsonNode parent) {
        return "; known keys here: " + keys(parent);
    }

    private static String keys(JsonNode node) {
        var names = new TreeSet<String>();
        node.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }
}
