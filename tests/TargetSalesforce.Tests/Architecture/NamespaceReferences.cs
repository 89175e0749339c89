using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace TargetSalesforce.Tests.Architecture;

/// <summary>
/// Which namespaces of a compiled assembly use which, read from its metadata rather than its source: every type
/// that a type's base, interfaces, fields, signatures, attributes, locals and method bodies name. The compiler has
/// resolved each name by then, so a `using`, a fully qualified name and a partly qualified one (`Singer.X` from
/// inside `TargetSalesforce`) all count alike, and so do lambdas, async methods and other compiler-made types,
/// which count for the type they were written in.
/// </summary>
internal sealed class NamespaceReferences
{
    // Operand types of every IL opcode, by its value (two-byte opcodes start with 0xFE).
    private static readonly Dictionary<ushort, OperandType> Operands = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(code => (ushort)code.Value, code => code.OperandType);

    private readonly Dictionary<(string From, string To), string> examples = [];

    private NamespaceReferences()
    {
    }

    /// <summary>Each reference from one namespace to another, with one pair of types that makes it (for messages).</summary>
    public IReadOnlyDictionary<(string From, string To), string> Edges => examples;

    /// <summary>Every namespace that holds a type.</summary>
    public ISet<string> Namespaces { get; } = new SortedSet<string>(StringComparer.Ordinal);

    /// <summary>The references among the namespaces of <paramref name="assembly"/> that start with <paramref name="root"/>.</summary>
    public static NamespaceReferences Of(Assembly assembly, string root)
    {
        using var file = File.OpenRead(assembly.Location);
        using var image = new PEReader(file);
        var scan = new Scan(image, root);
        var result = new NamespaceReferences();
        foreach (var handle in scan.Metadata.TypeDefinitions)
        {
            var from = scan.NamespaceOf(handle);
            if (!scan.InRoot(from))
            {
                continue;
            }

            result.Namespaces.Add(from);
            foreach (var used in scan.TypesUsedBy(handle))
            {
                var to = scan.NamespaceOf(used);
                if (to != from && scan.InRoot(to))
                {
                    result.examples.TryAdd((from, to), $"{scan.NameOf(handle)} uses {scan.NameOf(used)}");
                }
            }
        }

        return result;
    }

    /// <summary>One pass over an image's metadata.</summary>
    private sealed class Scan(PEReader image, string root)
    {
        private readonly TypeCollector collector = new();

        public MetadataReader Metadata { get; } = image.GetMetadataReader();

        public bool InRoot(string ns) => ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal);

        /// <summary>A nested type (a closure, a state machine) belongs to the namespace of the type it is written in.</summary>
        public string NamespaceOf(TypeDefinitionHandle handle) => Metadata.GetString(Outermost(handle).Namespace);

        public string NameOf(TypeDefinitionHandle handle)
        {
            var type = Outermost(handle);
            return $"{Metadata.GetString(type.Namespace)}.{Metadata.GetString(type.Name)}";
        }

        public HashSet<TypeDefinitionHandle> TypesUsedBy(TypeDefinitionHandle handle)
        {
            var used = new HashSet<TypeDefinitionHandle>();
            var type = Metadata.GetTypeDefinition(handle);
            AddEntity(used, type.BaseType);
            foreach (var implementation in type.GetInterfaceImplementations())
            {
                AddEntity(used, Metadata.GetInterfaceImplementation(implementation).Interface);
            }

            AddAttributes(used, type.GetCustomAttributes());
            AddConstraints(used, type.GetGenericParameters());
            foreach (var fieldHandle in type.GetFields())
            {
                var field = Metadata.GetFieldDefinition(fieldHandle);
                used.UnionWith(field.DecodeSignature(collector, null));
                AddAttributes(used, field.GetCustomAttributes());
            }

            foreach (var propertyHandle in type.GetProperties())
            {
                var property = Metadata.GetPropertyDefinition(propertyHandle);
                AddSignature(used, property.DecodeSignature(collector, null));
                AddAttributes(used, property.GetCustomAttributes());
            }

            foreach (var eventHandle in type.GetEvents())
            {
                AddEntity(used, Metadata.GetEventDefinition(eventHandle).Type);
            }

            foreach (var methodHandle in type.GetMethods())
            {
                var method = Metadata.GetMethodDefinition(methodHandle);
                AddSignature(used, method.DecodeSignature(collector, null));
                AddAttributes(used, method.GetCustomAttributes());
                AddConstraints(used, method.GetGenericParameters());
                foreach (var parameter in method.GetParameters())
                {
                    AddAttributes(used, Metadata.GetParameter(parameter).GetCustomAttributes());
                }

                if (method.RelativeVirtualAddress != 0)
                {
                    AddBody(used, image.GetMethodBody(method.RelativeVirtualAddress));
                }
            }

            return used;
        }

        private void AddBody(HashSet<TypeDefinitionHandle> used, MethodBodyBlock body)
        {
            if (!body.LocalSignature.IsNil)
            {
                AddEntity(used, body.LocalSignature);
            }

            foreach (var region in body.ExceptionRegions)
            {
                AddEntity(used, region.CatchType);
            }

            var il = body.GetILReader();
            while (il.RemainingBytes > 0)
            {
                ushort code = il.ReadByte();
                if (code == 0xFE)
                {
                    code = (ushort)(0xFE00 | il.ReadByte());
                }

                switch (Operands[code])
                {
                    case OperandType.InlineNone:
                        break;
                    case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                        il.ReadByte();
                        break;
                    case OperandType.InlineVar:
                        il.ReadUInt16();
                        break;
                    case OperandType.InlineI8 or OperandType.InlineR:
                        il.ReadInt64();
                        break;
                    case OperandType.InlineSwitch:
                        var targets = il.ReadInt32(); // read before the offset moves: `Offset +=` would take the offset first
                        il.Offset += 4 * targets;
                        break;
                    case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType or OperandType.InlineSig:
                        AddEntity(used, MetadataTokens.EntityHandle(il.ReadInt32()));
                        break;
                    default: // InlineBrTarget, InlineI, ShortInlineR, InlineString: four bytes that name no type
                        il.ReadInt32();
                        break;
                }
            }
        }

        private void AddEntity(HashSet<TypeDefinitionHandle> used, EntityHandle handle)
        {
            if (handle.IsNil)
            {
                return;
            }

            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    used.Add((TypeDefinitionHandle)handle);
                    break;
                case HandleKind.TypeSpecification:
                    used.UnionWith(Metadata.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(collector, null));
                    break;
                case HandleKind.MethodDefinition:
                    var method = Metadata.GetMethodDefinition((MethodDefinitionHandle)handle);
                    used.Add(method.GetDeclaringType());
                    AddSignature(used, method.DecodeSignature(collector, null));
                    break;
                case HandleKind.FieldDefinition:
                    var field = Metadata.GetFieldDefinition((FieldDefinitionHandle)handle);
                    used.Add(field.GetDeclaringType());
                    used.UnionWith(field.DecodeSignature(collector, null));
                    break;
                case HandleKind.MemberReference:
                    var member = Metadata.GetMemberReference((MemberReferenceHandle)handle);
                    AddEntity(used, member.Parent);
                    if (member.GetKind() == MemberReferenceKind.Method)
                    {
                        AddSignature(used, member.DecodeMethodSignature(collector, null));
                    }
                    else
                    {
                        used.UnionWith(member.DecodeFieldSignature(collector, null));
                    }

                    break;
                case HandleKind.MethodSpecification:
                    var specification = Metadata.GetMethodSpecification((MethodSpecificationHandle)handle);
                    AddEntity(used, specification.Method);
                    foreach (var argument in specification.DecodeSignature(collector, null))
                    {
                        used.UnionWith(argument);
                    }

                    break;
                case HandleKind.StandaloneSignature:
                    var signature = Metadata.GetStandaloneSignature((StandaloneSignatureHandle)handle);
                    if (signature.GetKind() == StandaloneSignatureKind.Method)
                    {
                        AddSignature(used, signature.DecodeMethodSignature(collector, null));
                    }
                    else
                    {
                        foreach (var local in signature.DecodeLocalSignature(collector, null))
                        {
                            used.UnionWith(local);
                        }
                    }

                    break;
            }
        }

        private static void AddSignature(HashSet<TypeDefinitionHandle> used, MethodSignature<ImmutableArray<TypeDefinitionHandle>> signature)
        {
            used.UnionWith(signature.ReturnType);
            foreach (var parameter in signature.ParameterTypes)
            {
                used.UnionWith(parameter);
            }
        }

        private void AddAttributes(HashSet<TypeDefinitionHandle> used, CustomAttributeHandleCollection attributes)
        {
            foreach (var attribute in attributes)
            {
                AddEntity(used, Metadata.GetCustomAttribute(attribute).Constructor);
            }
        }

        private void AddConstraints(HashSet<TypeDefinitionHandle> used, GenericParameterHandleCollection parameters)
        {
            foreach (var parameter in parameters)
            {
                foreach (var constraint in Metadata.GetGenericParameter(parameter).GetConstraints())
                {
                    AddEntity(used, Metadata.GetGenericParameterConstraint(constraint).Type);
                }
            }
        }

        private TypeDefinition Outermost(TypeDefinitionHandle handle)
        {
            var type = Metadata.GetTypeDefinition(handle);
            while (type.GetDeclaringType() is { IsNil: false } declaring)
            {
                type = Metadata.GetTypeDefinition(declaring);
            }

            return type;
        }
    }

    /// <summary>Decodes a signature into the types of this assembly it names (types of other assemblies name none).</summary>
    private sealed class TypeCollector : ISignatureTypeProvider<ImmutableArray<TypeDefinitionHandle>, object?>
    {
        private static readonly ImmutableArray<TypeDefinitionHandle> None = [];

        public ImmutableArray<TypeDefinitionHandle> GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => [handle];

        public ImmutableArray<TypeDefinitionHandle> GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => None;

        public ImmutableArray<TypeDefinitionHandle> GetTypeFromSpecification(
            MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public ImmutableArray<TypeDefinitionHandle> GetGenericInstantiation(
            ImmutableArray<TypeDefinitionHandle> genericType, ImmutableArray<ImmutableArray<TypeDefinitionHandle>> typeArguments) =>
            genericType.AddRange(typeArguments.SelectMany(argument => argument));

        public ImmutableArray<TypeDefinitionHandle> GetFunctionPointerType(MethodSignature<ImmutableArray<TypeDefinitionHandle>> signature) =>
            signature.ReturnType.AddRange(signature.ParameterTypes.SelectMany(parameter => parameter));

        public ImmutableArray<TypeDefinitionHandle> GetModifiedType(
            ImmutableArray<TypeDefinitionHandle> modifier, ImmutableArray<TypeDefinitionHandle> unmodifiedType, bool isRequired) =>
            unmodifiedType.AddRange(modifier);

        public ImmutableArray<TypeDefinitionHandle> GetArrayType(ImmutableArray<TypeDefinitionHandle> elementType, ArrayShape shape) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetSZArrayType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetByReferenceType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetPointerType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetPinnedType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetGenericMethodParameter(object? genericContext, int index) => None;

        public ImmutableArray<TypeDefinitionHandle> GetGenericTypeParameter(object? genericContext, int index) => None;

        public ImmutableArray<TypeDefinitionHandle> GetPrimitiveType(PrimitiveTypeCode typeCode) => None;
    }
}
