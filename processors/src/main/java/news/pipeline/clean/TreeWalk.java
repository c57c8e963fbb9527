package news.pipeline.clean;

import java.util.Arrays;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeFilter.FilterResult;

/**
 * Depth-first walks over a parsed page that only read it. jsoup's {@code NodeTraversor} guards
 * every step against a visitor that removes or replaces nodes, and that guarding was most of the
 * cost of the cleaner's walks; these walks go by child index and allow no changes to the tree.
 * The visiting order and the filter results mean what they mean to {@code NodeTraversor.filter}.
 */
final class TreeWalk {
    private static final int INITIAL_DEPTH = 64;

    private TreeWalk() {}

    /**
     * Calls the filter's head on every node of the subtree in document order and its tail once
     * the node's children are done. {@code SKIP_CHILDREN} skips the children, {@code SKIP_ENTIRELY}
     * the children and the tail, {@code STOP} ends the walk. {@code REMOVE} is refused: the walk
     * does not change the tree.
     */
    static void filter(final NodeFilter filter, final Node root) {
        FilterResult result = filter.head(root, 0);
        if (result == FilterResult.CONTINUE && root.childNodeSize() > 0) {
            Node[] open = new Node[INITIAL_DEPTH];
            int[] nextChild = new int[INITIAL_DEPTH];
            open[0] = root;
            int depth = 1;
            while (depth > 0) {
                final Node parent = open[depth - 1];
                final int index = nextChild[depth - 1];
                if (index == parent.childNodeSize()) {
                    depth--;
                    nextChild[depth] = 0;
                    if (checked(filter.tail(parent, depth)) == FilterResult.STOP) {
                        return;
                    }
                    continue;
                }
                nextChild[depth - 1] = index + 1;
                final Node child = parent.childNode(index);
                result = checked(filter.head(child, depth));
                if (result == FilterResult.STOP) {
                    return;
                }
                if (result == FilterResult.CONTINUE && child.childNodeSize() > 0) {
                    if (depth == open.length) {
                        open = Arrays.copyOf(open, depth * 2);
                        nextChild = Arrays.copyOf(nextChild, depth * 2);
                    }
                    open[depth] = child;
                    nextChild[depth] = 0;
                    depth++;
                } else if (result != FilterResult.SKIP_ENTIRELY
                        && checked(filter.tail(child, depth)) == FilterResult.STOP) {
                    return;
                }
            }
            return;
        }
        if (checked(result) != FilterResult.SKIP_ENTIRELY && result != FilterResult.STOP) {
            filter.tail(root, 0);
        }
    }

    private static FilterResult checked(final FilterResult result) {
        if (result == FilterResult.REMOVE) {
            throw new UnsupportedOperationException("a read-only walk cannot remove nodes");
        }
        return result;
    }
}
