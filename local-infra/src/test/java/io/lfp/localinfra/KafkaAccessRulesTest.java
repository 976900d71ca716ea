package io.lfp.localinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.lfp.events.Topics;

/**
 * The ACL table is what the services' channels do, and docker/kafka-init.sh grants the same: a channel added
 * to a service without its ACL (or an ACL without its channel) fails here, not at run time.
 */
class KafkaAccessRulesTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final String CONNECTOR = "mp.messaging.connector.smallrye-kafka";
    private static final Pattern CHANNEL = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.connector");

    @Test
    void eachServiceProducesAndConsumesExactlyWhatItsChannelsDo() throws IOException {
        for (String service : LocalSecrets.SERVICES) {
            Properties p = properties(service);
            Set<String> produces = new TreeSet<>();
            Set<String> consumes = new TreeSet<>();
            for (String key : p.stringPropertyNames()) {
                Matcher m = CHANNEL.matcher(key);
                if (!m.matches() || !"smallrye-kafka".equals(p.getProperty(key))) {
                    continue;
                }
                // SmallRye's default topic is the channel's name
                String topic = p.getProperty(channel(m) + ".topic", m.group(2));
                if (m.group(1).equals("outgoing")) {
                    produces.add(topic);
                } else {
                    consumes.add(topic);
                    // a channel's own group, else the connector-level one every channel of the service shares
                    String group = p.getProperty(channel(m) + ".group.id", p.getProperty(CONNECTOR + ".group.id"));
                    assertEquals(service, group, service + " " + key + " group");
                    assertEquals(Topics.deadLetter(topic), p.getProperty(channel(m) + ".dead-letter-queue.topic"),
                            service + " " + key + " dead-letter topic");
                }
            }
            KafkaAccessRules.Access access = KafkaAccessRules.TABLE.get(service);
            assertEquals(produces, new TreeSet<>(access.produces()), service + " produces");
            assertEquals(consumes, new TreeSet<>(access.consumes()), service + " consumes");
        }
    }

    @Test
    void theComposeInitScriptGrantsTheSameTable() throws IOException {
        String script = Files.readString(REPO.resolve("docker/kafka-init.sh"));
        String table = script.substring(script.indexOf("ACCESS=\"") + "ACCESS=\"".length());
        table = table.substring(0, table.indexOf('"'));
        Map<String, String> granted = new TreeMap<>();
        for (String line : table.strip().split("\n")) {
            String[] f = line.split("\\|");
            granted.put(f[0], "produces " + topics(f[1]) + ", consumes " + topics(f[2]));
        }
        Map<String, String> rules = new TreeMap<>();
        KafkaAccessRules.TABLE.forEach((principal, access) -> rules.put(principal,
                "produces " + new TreeSet<>(access.produces()) + ", consumes " + new TreeSet<>(access.consumes())));
        assertEquals(rules, granted);
    }

    private static Set<String> topics(String field) {
        return field.equals("-") ? Set.of() : new TreeSet<>(Arrays.asList(field.split(",")));
    }

    private static String channel(Matcher m) {
        return "mp.messaging." + m.group(1) + "." + m.group(2);
    }

    private static Properties properties(String service) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(REPO.resolve(service + "/src/main/resources/application.properties"))) {
            p.load(r);
        }
        return p;
    }
}
