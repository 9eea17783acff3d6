namespace Mshv.Ioctls;

/// <summary>
/// Marks a request's kind set: a request whose descriptor names <c>TOn</c> is accepted on a descriptor of kind
/// <typeparamref name="TKind"/> when <c>TOn : IAcceptedOn&lt;TKind&gt;</c>. The generator emits one marker class per
/// fd kind of a header (<c>KvmFdKinds.Vm</c>, accepted on itself) and one per set of kinds a request belongs to
/// (<c>KvmFdKinds.SystemOrVm</c>); typed handles (<see cref="Runtime.FileDescriptorHandle{TKind}"/>) constrain on it,
/// so a request of another kind does not compile.
/// </summary>
/// <typeparam name="TKind">A kind marker class.</typeparam>
public interface IAcceptedOn<TKind>
    where TKind : class
{
}
