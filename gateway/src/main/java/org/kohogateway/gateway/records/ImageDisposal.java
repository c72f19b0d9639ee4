package org.kohogateway.gateway.records;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.kohogateway.gateway.media.Media;
import org.kohogateway.gateway.media.MediaLibrary;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.post.PostImages;
import org.kohogateway.gateway.post.PostMedia;
import org.springframework.stereotype.Component;

/**
 * Removes the image bytes of records being disposed of, but only bytes nothing alive still uses: the same picture in
 * another post that is not disposed of (a record kept longer, a draft, a post waiting for its time), or an upload that
 * no post carries yet (someone is about to use it), keeps them. The check and the removal hold the bytes
 * ({@link MediaLibrary#holdBytes}) until the disposal commits, so an upload of the same picture lands wholly before the
 * check (and keeps the bytes) or after the removal (and stores them again).
 */
@Component
class ImageDisposal {

    private final PostImages posts;
    private final MediaLibrary media;
    private final RecordRegistry registry;

    ImageDisposal(PostImages posts, MediaLibrary media, RecordRegistry registry) {
        this.posts = posts;
        this.media = media;
        this.registry = registry;
    }

    /**
     * @param disposing the records being disposed of now, with the images each carries
     * @return per image SHA-256 of those records, every SHA-256 removed for it (the image's and its previews'); an
     *         image whose bytes stay maps to nothing
     */
    Map<String, List<String>> remove(Map<PostId, List<PostMedia>> disposing) {
        Set<String> hashes = disposing.values().stream().flatMap(List::stream).map(PostMedia::sha256)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        // held until the disposal commits: an upload of one of these pictures waits, and sees what the check saw
        media.holdBytes(hashes);
        Map<String, List<String>> removed = new LinkedHashMap<>();
        for (String sha256 : hashes) {
            removed.put(sha256, stillUsed(sha256, disposing.keySet()) ? List.of() : media.removeBytes(sha256));
        }
        return removed;
    }

    private boolean stillUsed(String sha256, Set<PostId> disposing) {
        List<PostImages.Carrier> carriers = posts.carriers(sha256);
        for (PostImages.Carrier carrier : carriers) {
            if (!disposing.contains(carrier.postId())
                    && !registry.find(carrier.postId()).map(PostRecord::disposed).orElse(false)) {
                return true;
            }
        }
        Set<Long> carried = carriers.stream().map(PostImages.Carrier::mediaId).collect(Collectors.toSet());
        return media.uploadsOf(sha256).stream().map(Media::id).anyMatch(upload -> !carried.contains(upload));
    }
}
