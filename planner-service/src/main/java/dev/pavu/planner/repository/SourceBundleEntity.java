package dev.pavu.planner.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A stored git bundle (table {@code planner.source_bundles}), content-addressed by SHA-256. */
@Entity
@Table(name = "source_bundles")
public class SourceBundleEntity extends PanacheEntityBase {
    @Id
    public String sha256;
    @Column(name = "size_bytes")
    public long sizeBytes;
    /** Absolute path of the bundle file. */
    public String path;
    @Column(name = "commit_id")
    public String commitId;
    @Column(name = "created_at")
    public Instant createdAt;
}
