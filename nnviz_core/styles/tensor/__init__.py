"""What the two tensor styles (``block`` and ``lenet``) share: one shape per tensor, placed.

Both styles are a :class:`~.style.TensorStyle` with their own painter (:mod:`.style`). The
pipeline inside: :mod:`.view` (what is drawn: hidden, collapsed, folded, merged in place),
:mod:`.structure` (main path, columns, branch lanes, elision), each style's cells
(:mod:`.cell`, :mod:`.glyphs`, sized by :mod:`.sizes`, captioned by :mod:`.captions`),
:mod:`.place` (coordinates, on the working state of :mod:`.layout`, rows from :mod:`.rows`),
:mod:`.routes` and :mod:`.arcs` (edges, skips, brackets), :mod:`.drawing` (mirroring,
polylines, layer groups) and :mod:`.compose` (title, legend, direction).
"""
