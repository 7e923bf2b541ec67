package io.onecustomer.jobs.it;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An S3-compatible server (S3Proxy, from Maven Central, copied to target/it-tools by the build) in
 * its own JVM on 127.0.0.1, with signature checking on: a request signed with other keys fails, as
 * on AWS. Objects live as files under {@code root/objects} (jclouds' filesystem provider).
 */
final class S3Server implements AutoCloseable {
  static final String JAR = "target/it-tools/s3proxy.jar";

  private final Process process;
  private final String endpoint;
  private final AmazonS3 client;

  private S3Server(Process process, String endpoint, AmazonS3 client) {
    this.process = process;
    this.endpoint = endpoint;
    this.client = client;
  }

  static S3Server start(Path root, String accessKey, String secretKey) throws Exception {
    if (!new File(JAR).isFile()) {
      throw new AssertionError(JAR + " missing: run through Maven (the pre-integration-test phase copies it)");
    }
    int port = LocalCluster.freePort();
    Path objects = Files.createDirectories(root.resolve("objects"));
    Path props = root.resolve("s3proxy.properties");
    Files.writeString(props, String.join("\n",
        "s3proxy.endpoint=http://127.0.0.1:" + port,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + accessKey,
        "s3proxy.credential=" + secretKey,
        "jclouds.provider=filesystem",
        "jclouds.filesystem.basedir=" + objects) + "\n");
    ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-jar", new File(JAR).getAbsolutePath(), "--properties", props.toString()))
        .redirectOutput(root.resolve("s3proxy.out").toFile()).redirectError(root.resolve("s3proxy.log").toFile());
    Process p = pb.start();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        break;
      } catch (IOException notYet) {
        if (!p.isAlive() || System.nanoTime() > end) {
          p.destroyForcibly();
          throw new AssertionError("S3Proxy did not start: " + Files.readString(root.resolve("s3proxy.log")));
        }
        Thread.sleep(200);
      }
    }
    String endpoint = "http://127.0.0.1:" + port;
    AmazonS3 client = AmazonS3ClientBuilder.standard()
        .withEndpointConfiguration(new AwsClientBuilder.EndpointConfiguration(endpoint, "us-east-1"))
        .withPathStyleAccessEnabled(true)
        .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials(accessKey, secretKey)))
        .build();
    return new S3Server(p, endpoint, client);
  }

  String endpoint() {
    return endpoint;
  }

  void createBucket(String bucket) {
    client.createBucket(bucket);
  }

  /** Uploads every file under {@code dir} to {@code bucket} under {@code prefix}, keeping relative paths. */
  int upload(Path dir, String bucket, String prefix) throws IOException {
    int n = 0;
    try (var files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        client.putObject(bucket, prefix + "/" + dir.relativize(f).toString().replace(File.separatorChar, '/'), f.toFile());
        n++;
      }
    }
    return n;
  }

  @Override
  public void close() {
    client.shutdown();
    process.destroy();
    LocalCluster.awaitExit(process);
  }
}
