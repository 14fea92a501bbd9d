package dev.pavu.e2e;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.transport.BundleWriter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The hostile repositories of the containment suite, made fresh for one stack: the fixture
 * {@code e2e-tests/hostile/containment} with its placeholders filled in (ports of the host's loopback, a host
 * file, Pavu's data directory, the shared Maven cache, a secret), its variants (a forged classpath file, bombs
 * that go off in the candidates' runs, a symlink to a host file) and git bombs built object by object.
 */
final class HostileRepos {

    private final Map<String, String> values;

    /**
     * @param values placeholder name (without the {@code @@}) → text; {@code EXTRA_EXECUTIONS} and
     *               {@code EXTRA_PLUGINS} default to nothing
     */
    HostileRepos(Map<String, String> values) {
        this.values = values;
    }

    /** @return a fresh copy of the containment fixture with every placeholder filled in */
    Path containment() throws IOException {
        return fill(Projects.freshCopy(Projects.hostile("containment")), Map.of());
    }

    /**
     * The fixture with a build step that writes {@code target/pavu-test-classpath.txt} itself (the real test
     * class path followed by {@code /}, {@code /var/tmp} and {@code /root}) and the dependency plugin skipped, so
     * that the file the fast path reads is the forged one.
     */
    Path forgedClasspath() throws IOException {
        String execution = """
                          <execution>
                            <id>forge-the-classpath-file</id>
                            <phase>test-compile</phase>
                            <goals><goal>run</goal></goals>
                            <configuration>
                              <target>
                                <property name="pavu.tcp" refid="maven.test.classpath"/>
                                <echo file="${project.build.directory}/pavu-test-classpath.txt" message="${pavu.tcp}:/:/var/tmp:/root"/>
                              </target>
                            </configuration>
                          </execution>""";
        String plugin = """
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-dependency-plugin</artifactId>
                        <configuration><skip>true</skip></configuration>
                      </plugin>""";
        return fill(Projects.freshCopy(Projects.hostile("containment")),
                Map.of("EXTRA_EXECUTIONS", execution, "EXTRA_PLUGINS", plugin));
    }

    /**
     * The fixture without its containment tests but with a bomb that goes off once {@code Calc.max} is fixed.
     *
     * @param what one line on the bomb, for its Javadoc
     * @param body Java statements run by the bomb test ({@code held} is a list to keep things alive in)
     */
    Path bomb(String what, String body) throws IOException {
        Path dir = plain();
        String test = Files.readString(Projects.hostile("bombs").resolve("BombTest.java.in"))
                .replace("@@WHAT@@", what).replace("@@BODY@@", body);
        Files.writeString(dir.resolve("src/test/java/demo/BombTest.java"), test);
        return dir;
    }

    /** The fixture without its containment tests: a plain project with one genuine bug in {@code Calc.max}. */
    Path plain() throws IOException {
        Path dir = fill(Projects.freshCopy(Projects.hostile("containment")), Map.of());
        Files.delete(dir.resolve("src/test/java/demo/ContainmentTest.java"));
        return dir;
    }

    /**
     * The fixture without its containment tests (whose failure messages name the host file) plus
     * {@code src/main/java/demo/Leak.java}, a symbolic link to {@code target}.
     */
    Path symlinkTo(Path target) throws IOException {
        Path dir = plain();
        Files.createSymbolicLink(dir.resolve("src/main/java/demo/Leak.java"), target);
        return dir;
    }

    /**
     * A git bomb as a bundle: {@code dirs} directories of {@code filesPerDir} files each, all the same one-line
     * blob (so the bundle stays a few hundred kilobytes), plus one blob of {@code bigBlobBytes} zero bytes when
     * &gt; 0 (deflated to about a thousandth of its size).
     *
     * @param out where to write the bundle
     * @return {@code out}
     */
    static Path gitBomb(Path out, int dirs, int filesPerDir, long bigBlobBytes) throws IOException {
        Path repoDir = Files.createTempDirectory("pavu-git-bomb");
        try (Git git = Git.init().setBare(true).setDirectory(repoDir.toFile()).call(); Repository repo = git.getRepository();
             ObjectInserter ins = repo.newObjectInserter()) {
            ObjectId blob = ins.insert(Constants.OBJ_BLOB, "x\n".getBytes());
            TreeFormatter leaf = new TreeFormatter();
            for (int i = 0; i < filesPerDir; i++) {
                leaf.append(String.format("f%06d.txt", i), FileMode.REGULAR_FILE, blob);
            }
            ObjectId leafId = ins.insert(leaf);
            TreeFormatter top = new TreeFormatter();
            if (bigBlobBytes > 0) {
                ObjectId big = ins.insert(Constants.OBJ_BLOB, bigBlobBytes, zeros(bigBlobBytes));
                top.append("big.bin", FileMode.REGULAR_FILE, big);
            }
            for (int d = 0; d < dirs; d++) {
                top.append(String.format("d%05d", d), FileMode.TREE, leafId);
            }
            CommitBuilder c = new CommitBuilder();
            c.setTreeId(ins.insert(top));
            PersonIdent who = new PersonIdent("bomb", "bomb@example.invalid");
            c.setAuthor(who);
            c.setCommitter(who);
            c.setMessage("a git bomb\n");
            ObjectId commit = ins.insert(c);
            ins.flush();
            RefUpdate ru = repo.updateRef("refs/heads/main");
            ru.setNewObjectId(commit);
            ru.forceUpdate();
            BundleWriter bw = new BundleWriter(repo);
            bw.include("refs/heads/main", commit);
            bw.include(Constants.HEAD, commit);
            try (OutputStream o = Files.newOutputStream(out)) {
                bw.writeBundle(NullProgressMonitor.INSTANCE, o);
            }
            return out;
        } catch (org.eclipse.jgit.api.errors.GitAPIException e) {
            throw new IOException(e);
        } finally {
            Projects.deleteQuietly(repoDir);
        }
    }

    /** @return a stream of {@code n} zero bytes, made as it is read */
    static InputStream zeros(long n) {
        return new InputStream() {
            private long left = n;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int k = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + k, (byte) 0);
                left -= k;
                return k;
            }
        };
    }

    private Path fill(Path dir, Map<String, String> extra) throws IOException {
        for (String f : new String[]{"pom.xml", "src/test/java/demo/ContainmentTest.java"}) {
            Path p = dir.resolve(f);
            String s = Files.readString(p);
            for (var e : values.entrySet()) {
                s = s.replace("@@" + e.getKey() + "@@", e.getValue());
            }
            s = s.replace("@@EXTRA_EXECUTIONS@@", extra.getOrDefault("EXTRA_EXECUTIONS", ""))
                    .replace("@@EXTRA_PLUGINS@@", extra.getOrDefault("EXTRA_PLUGINS", ""));
            Files.writeString(p, s);
        }
        return dir;
    }
}
