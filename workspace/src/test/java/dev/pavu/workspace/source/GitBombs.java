package dev.pavu.workspace.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** Hostile repositories built object by object: git bombs, oversized blobs, deep paths, links with files below them. */
final class GitBombs {

    private static final PersonIdent IDENT = new PersonIdent("Bomb", "bomb@example.invalid", Instant.EPOCH, ZoneOffset.UTC);

    private GitBombs() {
    }

    /** A tree entry: mode and object. */
    record Entry(FileMode mode, ObjectId id) {
    }

    /** A bare repository at {@code dir}. */
    static Repository bare(Path dir) throws IOException {
        Repository repo = FileRepositoryBuilder.create(dir.toFile());
        repo.create(true);
        return repo;
    }

    static ObjectId blob(ObjectInserter ins, byte[] data) throws IOException {
        return ins.insert(Constants.OBJ_BLOB, data);
    }

    static ObjectId blob(ObjectInserter ins, String text) throws IOException {
        return blob(ins, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A tree of the given entries, written in the given order (no sorting, no duplicate check: trees may be malformed). */
    static ObjectId tree(ObjectInserter ins, Map<String, Entry> entries) throws IOException {
        TreeFormatter f = new TreeFormatter();
        entries.forEach((name, e) -> f.append(name, e.mode(), e.id()));
        return ins.insert(f);
    }

    /** A tree of {@code files} small files {@code f0000 …} plus {@code pom.xml}, entries sorted. */
    static ObjectId flat(ObjectInserter ins, int files) throws IOException {
        ObjectId one = blob(ins, "x\n");
        Map<String, Entry> entries = new TreeMap<>();
        for (int i = 0; i < files; i++) {
            entries.put(String.format("f%05d", i), new Entry(FileMode.REGULAR_FILE, one));
        }
        return tree(ins, entries);
    }

    /**
     * The classic git bomb: {@code levels} levels of {@code fanout} directories that all point to the same tree, leaves
     * of {@code fanout} files: {@code fanout^(levels+1)} files from a few dozen objects.
     */
    static ObjectId bomb(ObjectInserter ins, int levels, int fanout) throws IOException {
        ObjectId blob = blob(ins, "boom\n");
        Map<String, Entry> leaf = new TreeMap<>();
        for (int i = 0; i < fanout; i++) {
            leaf.put("f" + i, new Entry(FileMode.REGULAR_FILE, blob));
        }
        ObjectId tree = tree(ins, leaf);
        for (int l = 0; l < levels; l++) {
            Map<String, Entry> level = new TreeMap<>();
            for (int i = 0; i < fanout; i++) {
                level.put("d" + i, new Entry(FileMode.TREE, tree));
            }
            tree = tree(ins, level);
        }
        return tree;
    }

    /** A chain {@code d/d/…/d/leaf.txt} of {@code depth} directories. */
    static ObjectId deep(ObjectInserter ins, int depth) throws IOException {
        ObjectId tree = tree(ins, Map.of("leaf.txt", new Entry(FileMode.REGULAR_FILE, blob(ins, "deep\n"))));
        for (int i = 0; i < depth; i++) {
            tree = tree(ins, Map.of("d", new Entry(FileMode.TREE, tree)));
        }
        return tree;
    }

    /** Commits {@code tree} on {@code refs/heads/main} with HEAD pointing there; returns the commit. */
    static ObjectId commit(Repository repo, ObjectInserter ins, ObjectId tree) throws IOException {
        CommitBuilder c = new CommitBuilder();
        c.setTreeId(tree);
        c.setAuthor(IDENT);
        c.setCommitter(IDENT);
        c.setMessage("hostile\n");
        ObjectId id = ins.insert(c);
        ins.flush();
        var update = repo.updateRef("refs/heads/main");
        update.setNewObjectId(id);
        update.setForceUpdate(true);
        update.update();
        repo.updateRef(Constants.HEAD).link("refs/heads/main");
        return id;
    }

    /** Writes the commit's history as a bundle into {@code dir}. */
    static ResolvedSource bundle(Repository repo, ObjectId commit, Path dir) throws IOException {
        return Bundles.write(repo, commit, "refs/heads/main", dir);
    }
}
