"""Writing files: one output-path policy for every command that writes (STYLE.md habit 12).

`write_output` decides from what a path IS, not from what it is called, in this order:

1. `-` is standard output (written through `sys.stdout`).
2. A regular file that is one of the command's inputs (the same file by device and inode: through any
   symlink, hard link or spelling) is refused with nothing written; for `-`, stdout redirected into an input
   (`>> events.yaml`). A terminal or FIFO named as both holds no data to destroy, so is not refused.
3. A path that is this process's stdout or stderr by inode (`/dev/stdout`, `/dev/fd/1`, `/proc/self/fd/1`, the
   tty itself, or the file stdout is redirected to) is written through that stream, where the stream stands
   (appending under `>>`): never truncated, never renamed over.
4. A path that is not a regular file is written into, never replaced: a character device (`/dev/null`, a
   terminal), a FIFO (opened without blocking first, so that no reader is an error rather than a hang), a Unix
   stream socket (connected to). A directory is refused; so is a block device (a disk) unless `force`.
5. An existing regular file is replaced atomically: the new bytes go to a temporary file in the same directory,
   which is fsynced, given the old file's owner, group and mode, and renamed over it; on any failure or
   signal (any BaseException) the temporary file is removed and the old file is untouched. A symlink stays a
   link (its target is replaced). Refused unless `force`: a read-only file, a file with other hard links
   (`replace_refusals` says why), a file whose owner cannot be kept.
6. A path that does not exist is created the same way (a dangling symlink: its target is created), never
   replacing a file that appears meanwhile.

A rewrite in place (`expected=` the bytes read before) applies to regular files only, and is refused when the
file no longer holds those bytes (an edit saved meanwhile). `create_files` is the same policy for a set of new
files, all or none (`timeline init`).

Layout: policy.py (where the bytes go: the rules above, the refusals, the errors), write.py (streams, special
files, the atomic replace, `signals_held`), create.py (`create_files`).
"""

from __future__ import annotations

from .create import create_files
from .policy import STDOUT, Destination, changed_since_read, output_destination, replace_refusals
from .write import signals_held, write_atomic, write_output, write_stream

__all__ = ["STDOUT", "Destination", "changed_since_read", "create_files", "output_destination", "replace_refusals",
           "signals_held", "write_atomic", "write_output", "write_stream"]
