using System.Runtime.CompilerServices;

namespace MojibakeFix.Internals;

// Fixed-size buffers held as locals, in place of stackalloc in the hot methods of the repair pass. The JIT compiles a
// method that calls stackalloc fully optimized at once, without the profile tiered compilation would gather (no
// on-stack replacement for such frames); a local of one of these types leaves the method to the normal tiers.
// The module skips zero-initialization, so, like stackalloc, a buffer costs nothing until written.

/// <summary>Sixteen elements on the stack.</summary>
[InlineArray(16)]
internal struct StackBuffer16<T>
{
    private T _element0;
}

/// <summary>Sixty-four elements on the stack.</summary>
[InlineArray(64)]
internal struct StackBuffer64<T>
{
    private T _element0;
}

/// <summary>256 elements on the stack.</summary>
[InlineArray(256)]
internal struct StackBuffer256<T>
{
    private T _element0;
}

/// <summary>512 elements on the stack.</summary>
[InlineArray(512)]
internal struct StackBuffer512<T>
{
    private T _element0;
}
