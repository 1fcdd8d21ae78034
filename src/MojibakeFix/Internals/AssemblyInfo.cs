using System.Runtime.CompilerServices;

// Stack buffers (sequence chains, decoded runs) are always written before they are read: skip zeroing them.
[module: SkipLocalsInit]
