package com.ecsimagesaga.adapter.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The message contract as files: the AsyncAPI document at {@code /asyncapi.yaml} and the Avro
 * schemas it refers to at {@code /avro/<name>.avsc} (relative to the document, as in {@code
 * schemas/}). Both come from {@code schemas/} packaged on the class path, so they are the files in
 * git. Open like {@code /q/openapi}.
 */
@Path("/")
public class ContractResource {

  private static final String ROOT = "schemas/";
  private final Map<String, String> files = new ConcurrentHashMap<>();

  @GET
  @Path("asyncapi.yaml")
  @Produces("application/yaml")
  public String asyncApi() {
    return file("asyncapi.yaml");
  }

  @GET
  @Path("avro/{name: [A-Za-z]+}.avsc")
  @Produces("application/json")
  public String schema(@PathParam("name") String name) {
    return file("avro/" + name + ".avsc");
  }

  @GET
  @Path("avro/common/{name: [A-Za-z]+}.avsc")
  @Produces("application/json")
  public String commonSchema(@PathParam("name") String name) {
    return file("avro/common/" + name + ".avsc");
  }

  private String file(String path) {
    String text = files.get(path);
    if (text == null) {
      text = read(path);
      files.put(path, text);
    }
    return text;
  }

  private static String read(String path) {
    try (InputStream in =
        ContractResource.class.getClassLoader().getResourceAsStream(ROOT + path)) {
      if (in == null) {
        throw new NotFoundException("no contract file " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + ROOT + path, e);
    }
  }
}
