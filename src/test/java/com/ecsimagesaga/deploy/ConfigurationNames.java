package com.ecsimagesaga.deploy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Every configuration property the service reads, as name patterns ({@code *} for a map key or a
 * named item), and the environment variable that sets each one. Sources: the service's
 * application.properties (keys, and the variables its {@code ${...}} expressions read), its
 * {@code @ConfigMapping} interfaces, every Quarkus config root on the class path (listed by each
 * extension in META-INF/quarkus-config-roots.list), and the Kafka client settings that the {@code
 * kafka.} prefix passes to every channel's client.
 */
final class ConfigurationNames {

  private static final Path PROPERTIES = Path.of("src/main/resources/application.properties");
  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)(:[^}]*)?}");

  private final Set<String> patterns = new LinkedHashSet<>();
  private final Set<String> variables = new LinkedHashSet<>();
  private final List<Pattern> envPatterns = new ArrayList<>();

  private ConfigurationNames() {}

  static ConfigurationNames load() {
    ConfigurationNames n = new ConfigurationNames();
    n.applicationProperties();
    n.mappings(serviceMappings());
    n.mappings(quarkusConfigRoots());
    for (Set<String> names :
        List.of(
            ProducerConfig.configNames(),
            ConsumerConfig.configNames(),
            AdminClientConfig.configNames())) {
      names.forEach(name -> n.patterns.add("kafka." + name));
    }
    n.patterns.forEach(p -> n.envPatterns.add(envPattern(p)));
    return n;
  }

  /** SmallRye's mapping: upper case, every character but letters and digits as '_'. */
  static String envName(String property) {
    return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
  }

  /** Whether {@code name} is a property of the service (a pattern's {@code *} is any key). */
  boolean isProperty(String name) {
    return patterns.stream().anyMatch(p -> globMatches(p, name));
  }

  /** Whether setting environment variable {@code env} sets a property the service reads. */
  boolean isEnvironmentVariable(String env) {
    return variables.contains(env) || envPatterns.stream().anyMatch(p -> p.matcher(env).matches());
  }

  Properties applicationPropertiesFile() {
    Properties p = new Properties();
    try (var in = Files.newBufferedReader(PROPERTIES)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  private void applicationProperties() {
    Properties p = applicationPropertiesFile();
    for (String key : p.stringPropertyNames()) {
      patterns.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
      Matcher m = EXPRESSION.matcher(p.getProperty(key));
      while (m.find()) {
        variables.add(m.group(1));
      }
    }
  }

  private void mappings(List<Class<?>> classes) {
    for (Class<?> type : classes) {
      ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
      if (mapping == null) {
        continue;
      }
      ConfigMappings.getProperties(ConfigMappings.ConfigClass.configClass(type, mapping.prefix()))
          .keySet()
          .forEach(name -> patterns.add(name.replace("\"", "")));
    }
  }

  private static List<Class<?>> serviceMappings() {
    Path classes = Path.of("target/classes");
    try (Stream<Path> files = Files.walk(classes)) {
      return files
          .filter(f -> f.toString().endsWith(".class"))
          .map(f -> classes.relativize(f).toString().replace('/', '.').replace(".class", ""))
          .filter(name -> name.startsWith("com.ecsimagesaga.config."))
          .<Class<?>>map(ConfigurationNames::load)
          .filter(c -> c != null && c.isAnnotationPresent(ConfigMapping.class))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Class<?>> quarkusConfigRoots() {
    List<Class<?>> roots = new ArrayList<>();
    try {
      Enumeration<URL> lists =
          ConfigurationNames.class
              .getClassLoader()
              .getResources("META-INF/quarkus-config-roots.list");
      while (lists.hasMoreElements()) {
        try (InputStream in = lists.nextElement().openStream();
            BufferedReader r =
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
          r.lines()
              .map(String::trim)
              .filter(l -> !l.isEmpty() && !l.startsWith("#"))
              .map(ConfigurationNames::load)
              .filter(c -> c != null)
              .forEach(roots::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return roots;
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, ConfigurationNames.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      // A config root of a deployment module or an optional dependency that is not here.
      return null;
    }
  }

  private static boolean globMatches(String pattern, String name) {
    return Pattern.compile(glob(pattern)).matcher(name).matches();
  }

  private static String glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (String part : pattern.split("\\*", -1)) {
      if (regex.length() > 0) {
        regex.append("[^=]+");
      }
      regex.append(Pattern.quote(part));
    }
    return regex.toString();
  }

  private static Pattern envPattern(String property) {
    StringBuilder regex = new StringBuilder();
    for (String part : property.split("\\*", -1)) {
      if (regex.length() > 0) {
        regex.append("[A-Z0-9_]+");
      }
      regex.append(Pattern.quote(envName(part)));
    }
    return Pattern.compile(regex.toString());
  }
}
