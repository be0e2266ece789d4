"""Query plans: repeated query documents run without re-interpreting them.

graphql-core interprets a document on every execution: for every field of every
object it looks the definition up, builds a resolve-info, goes through
strawberry's resolver wrapper and dispatches on the return type. Profiled on a
portal's article list (20 articles, 11 fields each) that interpretation was a
third of a worker's CPU. The front ends and integrators send the same few
documents over and over, so once a query document has run cleanly through
strawberry (which parses, validates and applies every limit) the hub compiles
it into a tree of plans: each field knows its response key, how to read or
resolve it (a plain attribute is one ``attrgetter``), its literal arguments,
and how to complete its value (serialise a leaf, walk a list, descend into an
object). The next executions walk that tree.

Fields resolve breadth first: every awaitable a level produces (root fields,
DataLoader loads of every item of a list) is awaited together before the next
level, so batches are as large as graphql-core's, never smaller.

A plan never answers what it cannot answer the way graphql-core would: a
resolver error, a null in a non-null position, variables that do not coerce,
an abstract type it cannot resolve — the plan is abandoned and the operation
runs again through strawberry, so errors, their paths and their masking are
exactly the ordinary ones. Queries only: they have no side effects to repeat.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable
from datetime import date, datetime
from operator import attrgetter
from types import GeneratorType
from typing import Any

from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    GraphQLAbstractType,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    OperationDefinitionNode,
    TypeNameMetaFieldDef,
    VariableNode,
    get_operation_ast,
    parse,
    visit,
)
from graphql import (
    OperationType as AstOperationType,
)
from graphql.execution.collect_fields import FragmentDetails, collect_fields, collect_subfields
from graphql.execution.values import VariableValues, get_argument_values, get_variable_values
from graphql.language import DirectiveNode, FragmentDefinitionNode, Visitor
from graphql.pyutils import Path
from strawberry import Schema
from strawberry.execution.is_awaitable import optimized_is_awaitable as is_awaitable
from strawberry.schema.schema import (  # the resolve-info strawberry itself hands to resolvers
    _OperationContextAwareGraphQLResolveInfo as ResolveInfo,
)
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.arguments import convert_arguments
from strawberry.types.field import StrawberryField
from strawberry.types.graphql import OperationType

logger = logging.getLogger("thudo.graphql")

MAX_PLANS = 256
# Converted argument sets one process keeps, over all its plans; the oldest go first.
# The portals' pages need a few thousand: their fields x ~150 portals x 2 languages.
MAX_CONVERTED_ARGUMENTS = 4096
INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})
# Values that are never awaitable and never None: a leaf field holding one needs no checks.
PLAIN_VALUES = frozenset({str, int, float, bool, datetime, date})
# Classes whose instances were found not awaitable (model rows, connections, dicts...).
_SYNC_CLASSES: set[type] = set()


class Abandon(Exception):
    """This execution needs graphql-core's full treatment (an error, most likely)."""


class _Run:
    """One execution of a plan: what resolvers see, and the work still to await."""

    __slots__ = (
        "config",
        "context",
        "converted_arguments",
        "fragments",
        "info_class",
        "operation",
        "pending",
        "scalar_registry",
        "schema",
        "variables",
    )

    def __init__(self, plan: Plan, context: Any, variables: VariableValues) -> None:
        self.schema = plan.graphql_schema
        self.fragments = plan.fragment_nodes
        self.operation = plan.operation
        self.info_class = plan.info_class
        self.config = plan.config
        self.scalar_registry = plan.scalar_registry
        self.converted_arguments = plan.converted_arguments
        self.context = context
        self.variables = variables
        # (awaitable, the dict to fill, the field, its path)
        self.pending: list[tuple[Any, dict[str, Any], FieldPlan, Path | None]] = []

    def info(self, field: FieldPlan, path: Path | None) -> Any:
        return self.make_info(field.name, field.nodes, field.definition.type, field.parent, path)

    def make_info(
        self, name: str, nodes: list[FieldNode], return_type: Any, parent: Any, path: Path | None
    ) -> Any:
        return ResolveInfo(
            name,
            nodes,
            return_type,
            parent,
            path,
            self.schema,
            self.fragments,
            None,
            self.operation,
            self.variables.coerced,
            self.context,
            is_awaitable,
            None,
            None,
            None,
        )


# --- completions: how a resolved value becomes its part of the response ---------


class Completion:
    """Completes a value of one output type; ``None`` is checked by the caller."""

    nullable = True
    needs_path = True

    def complete(self, run: _Run, value: Any, path: Path | None) -> Any:
        raise NotImplementedError


def _complete(completion: Completion, run: _Run, value: Any, path: Path | None) -> Any:
    if value is None:
        if completion.nullable:
            return None
        raise Abandon  # graphql-core reports the null and nulls the parent
    return completion.complete(run, value, path)


class LeafCompletion(Completion):
    needs_path = False

    def __init__(self, serialize: Callable[[Any], Any]) -> None:
        self.serialize = serialize

    def complete(self, run: _Run, value: Any, path: Path | None) -> Any:
        serialized = self.serialize(value)
        if serialized is None:
            raise Abandon
        return serialized


class ListCompletion(Completion):
    def __init__(self, item: Completion) -> None:
        self.item = item

    def complete(self, run: _Run, value: Any, path: Path | None) -> Any:
        if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
            raise Abandon
        item = self.item
        if not item.needs_path:
            return [_complete(item, run, v, None) for v in value]
        return [_complete(item, run, v, Path(path, i, None)) for i, v in enumerate(value)]


class ObjectCompletion(Completion):
    def __init__(self, object_type: GraphQLObjectType) -> None:
        self.object_type = object_type
        self.fields: list[FieldPlan] = []

    def complete(self, run: _Run, value: Any, path: Path | None) -> Any:
        is_type_of = self.object_type.is_type_of
        if is_type_of is not None and not is_type_of(value, None):
            raise Abandon
        return _resolve_fields(run, self.fields, value, path)


class AbstractCompletion(Completion):
    """An interface or union: the runtime type picks one of the planned objects."""

    def __init__(self, plan: Plan, abstract: GraphQLAbstractType, nodes: list[Any]) -> None:
        self.plan = plan
        self.abstract = abstract
        self.details = nodes
        self.by_type: dict[str, ObjectCompletion] = {}

    def complete(self, run: _Run, value: Any, path: Path | None) -> Any:
        resolve_type = self.abstract.resolve_type
        if resolve_type is None:
            raise Abandon
        nodes = [d.node for d in self.details]
        info = run.make_info(nodes[0].name.value, nodes, self.abstract, self.abstract, path)
        try:
            name = resolve_type(value, info, self.abstract)
        except Exception as exc:
            raise Abandon from exc
        if isinstance(name, GraphQLObjectType):
            name = name.name
        completion = self.by_type.get(name) if isinstance(name, str) else None
        if completion is None:
            runtime = self.plan.graphql_schema.get_type(name) if isinstance(name, str) else None
            if not isinstance(
                runtime, GraphQLObjectType
            ) or not self.plan.graphql_schema.is_sub_type(self.abstract, runtime):
                raise Abandon
            completion = self.plan.object_completion(runtime, self.details, run.variables)
            self.by_type[name] = completion
        return completion.complete(run, value, path)


# --- fields ---------------------------------------------------------------------


class FieldPlan:
    """One response key of an object: how to get its value and complete it."""

    __slots__ = (
        "arguments",
        "call",
        "completion",
        "definition",
        "getter",
        "key",
        "leaf",
        "name",
        "nodes",
        "parent",
        "parent_name",
        "strawberry_field",
    )

    def __init__(
        self,
        key: str,
        parent: GraphQLObjectType,
        definition: GraphQLField,
        details: list[Any],
        completion: Completion,
    ) -> None:
        self.key = key
        self.parent = parent
        self.parent_name = parent.name
        self.definition = definition
        self.nodes: list[FieldNode] = [d.node for d in details]
        self.name = self.nodes[0].name.value
        self.completion = completion
        self.strawberry_field: StrawberryField | None = (definition.extensions or {}).get(
            GraphQLCoreConverter.DEFINITION_BACKREF
        )
        self.getter: Callable[[Any], Any] | None = None
        self.call: Callable[[_Run, Any, Path], Any] = self._through_resolver
        # Arguments without variables are coerced once, here.
        self.arguments: dict[str, Any] | None = None
        if not _uses_variables(self.nodes[0]):
            self.arguments = get_argument_values(definition, self.nodes[0], None)
        self._choose_call()
        # A plain attribute serialised as a scalar or enum: the commonest field by far.
        self.leaf: LeafCompletion | None = (
            completion
            if self.getter is not None and isinstance(completion, LeafCompletion)
            else None
        )

    def _choose_call(self) -> None:
        resolve = self.definition.resolve
        field = self.strawberry_field
        if self.name == "__typename":
            self.getter = lambda _source, name=self.parent_name: name
            return
        if resolve is None:
            return  # graphql-core's default resolver: leave it to the generic path
        if (
            getattr(resolve, "_is_default", False)
            and field is not None
            and not field.extensions
            and field.default_resolver is getattr
        ):
            # A plain attribute: strawberry's own fast path reads it the same way.
            self.getter = attrgetter(field.python_name)
            return
        resolver = field.base_resolver if field is not None else None
        if (
            field is not None
            and resolver is not None
            and not field.extensions
            and not resolver.root_parameter
            and not resolver.parent_parameter
        ):
            # No extensions: what strawberry's wrapper would end up calling, called
            # directly, with the arguments converted by strawberry's own function.
            passes_self = resolver.self_parameter is not None
            if field.arguments:
                self.call = self._direct_with_arguments(resolver, passes_self)
            else:
                self.call = self._direct(resolver, passes_self)

    def _direct(self, resolver: Any, passes_self: bool) -> Callable[[_Run, Any, Path], Any]:
        func = resolver.wrapped_func
        info_name = resolver.info_parameter.name if resolver.info_parameter else None
        field = self.strawberry_field

        def call(run: _Run, source: Any, path: Path) -> Any:
            args = (source,) if passes_self else ()
            if info_name is None:
                return func(*args)
            info = run.info_class(_raw_info=run.info(self, path), _field=field)
            return func(*args, **{info_name: info})

        return call

    def _direct_with_arguments(
        self, resolver: Any, passes_self: bool
    ) -> Callable[[_Run, Any, Path], Any]:
        func = resolver.wrapped_func
        info_name = resolver.info_parameter.name if resolver.info_parameter else None
        field = self.strawberry_field
        assert field is not None

        def call(run: _Run, source: Any, path: Path) -> Any:
            raw = self.arguments
            if raw is None:
                raw = get_argument_values(self.definition, self.nodes[0], run.variables)
            # Remembered by field and coerced values, with each value's class (1, 1.0 and
            # True are equal keys, not equal arguments). Only hashable (scalar) values
            # are remembered, so no converted list is ever shared between requests.
            key: Any = (self, *((name, value.__class__, value) for name, value in raw.items()))
            converted = run.converted_arguments
            try:
                kwargs = converted.get(key)
            except TypeError:  # a list argument: convert it every time
                key, kwargs = None, None
            info = run.info_class(_raw_info=run.info(self, path), _field=field)
            if kwargs is None:
                kwargs = convert_arguments(
                    raw,
                    field.arguments,
                    scalar_registry=run.scalar_registry,
                    config=run.config,
                    info=info,
                )
                if key is not None:
                    if len(converted) >= MAX_CONVERTED_ARGUMENTS:
                        del converted[next(iter(converted))]
                    converted[key] = kwargs
            args = (source,) if passes_self else ()
            if info_name is None:
                return func(*args, **kwargs)
            return func(*args, **kwargs, **{info_name: info})

        return call

    def _through_resolver(self, run: _Run, source: Any, path: Path) -> Any:
        arguments = self.arguments
        if arguments is None:
            arguments = get_argument_values(self.definition, self.nodes[0], run.variables)
        return self.definition.resolve(source, run.info(self, path), **arguments)  # type: ignore[misc]


def _uses_variables(node: FieldNode) -> bool:
    return any(_contains_variable(argument.value) for argument in node.arguments or ())


def _contains_variable(value: Any) -> bool:
    if isinstance(value, VariableNode):
        return True
    for attribute in ("values", "fields"):
        for inner in getattr(value, attribute, None) or ():
            if _contains_variable(getattr(inner, "value", inner)):
                return True
    return False


def _resolve_fields(run: _Run, fields: list[FieldPlan], source: Any, path: Path | None) -> Any:
    out: dict[str, Any] = {}
    for field in fields:
        getter = field.getter
        if getter is not None:
            value = getter(source)
            leaf = field.leaf
            if leaf is not None and value.__class__ in PLAIN_VALUES:
                # Not None, not awaitable: straight to the serialiser.
                serialized = leaf.serialize(value)
                if serialized is None:
                    raise Abandon
                out[field.key] = serialized
                continue
            field_path = (
                Path(path, field.key, field.parent_name) if field.completion.needs_path else None
            )
        else:
            field_path = Path(path, field.key, field.parent_name)
            value = field.call(run, source, field_path)
        if value is not None and _is_awaitable(value):
            out[field.key] = None
            run.pending.append((value, out, field, field_path))
        else:
            out[field.key] = _complete(field.completion, run, value, field_path)
    return out


def _is_awaitable(value: Any) -> bool:
    """strawberry's check, remembered per class.

    Awaitability belongs to the class, except for generator-based coroutines. Rows
    hide Tortoise's ``__await__`` behind a raising property (``PlainRow``), so the
    check costs an exception per row: profiled at 2-3% of a home page.
    """
    cls = value.__class__
    if cls in _SYNC_CLASSES:
        return False
    if is_awaitable(value):
        return True
    if cls is not GeneratorType:
        _SYNC_CLASSES.add(cls)
    return False


# --- plans ----------------------------------------------------------------------


class Plan:
    """A query operation of one document, compiled for the schema."""

    def __init__(
        self,
        schema: Schema,
        document: DocumentNode,
        operation: OperationDefinitionNode,
        converted_arguments: dict[Any, dict[str, Any]],
    ) -> None:
        self.graphql_schema = schema._schema
        # The runner's memory of converted arguments, shared by all its plans.
        self.converted_arguments = converted_arguments
        self.operation = operation
        self.fragment_nodes: dict[str, FragmentDefinitionNode] = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.fragments = {name: FragmentDetails(node) for name, node in self.fragment_nodes.items()}
        # @skip/@include may depend on variables: one field tree per combination seen.
        self.directive_variables = sorted(_directive_variables(document))
        self.roots: dict[tuple[Any, ...], ObjectCompletion] = {}
        self.info_class = schema.config.info_class
        self.config = schema.config
        self.scalar_registry = schema.schema_converter.scalar_registry

    def root(self, variables: VariableValues) -> ObjectCompletion:
        key = tuple(variables.coerced.get(name) for name in self.directive_variables)
        root = self.roots.get(key)
        if root is None:
            query_type = self.graphql_schema.query_type
            assert query_type is not None
            collected = collect_fields(
                self.graphql_schema, self.fragments, variables, query_type, self.operation
            )
            root = ObjectCompletion(query_type)
            root.fields = self._fields(query_type, collected.grouped_field_set, variables)
            self.roots[key] = root
        return root

    def _fields(
        self, parent: GraphQLObjectType, grouped: dict[str, list[Any]], variables: VariableValues
    ) -> list[FieldPlan]:
        plans = []
        for key, details in grouped.items():
            name = details[0].node.name.value
            if name in INTROSPECTION_FIELDS or any(d.fragment_variable_values for d in details):
                raise Abandon
            definition = TypeNameMetaFieldDef if name == "__typename" else parent.fields.get(name)
            if definition is None:
                raise Abandon
            completion = self._completion(definition.type, details, variables)
            plans.append(FieldPlan(key, parent, definition, details, completion))
        return plans

    def _completion(
        self, output: GraphQLOutputType, details: list[Any], variables: VariableValues
    ) -> Completion:
        nullable = True
        if isinstance(output, GraphQLNonNull):
            nullable, output = False, output.of_type
        completion: Completion
        if isinstance(output, GraphQLList):
            completion = ListCompletion(self._completion(output.of_type, details, variables))
        elif isinstance(output, GraphQLObjectType):
            completion = self.object_completion(output, details, variables)
        elif isinstance(output, GraphQLAbstractType):
            completion = AbstractCompletion(self, output, details)
        else:  # scalar or enum
            completion = LeafCompletion(output.serialize)  # type: ignore[union-attr]
        completion.nullable = nullable
        return completion

    def object_completion(
        self, object_type: GraphQLObjectType, details: list[Any], variables: VariableValues
    ) -> ObjectCompletion:
        collected = collect_subfields(
            self.graphql_schema, self.fragments, variables, self.operation, object_type, details
        )
        completion = ObjectCompletion(object_type)
        completion.fields = self._fields(object_type, collected.grouped_field_set, variables)
        return completion


def _directive_variables(document: DocumentNode) -> set[str]:
    names: set[str] = set()

    class Collect(Visitor):
        def enter_directive(self, node: DirectiveNode, *_: Any) -> None:
            for argument in node.arguments or ():
                if isinstance(argument.value, VariableNode):
                    names.add(argument.value.name.value)

    visit(document, Collect())
    return names


def _unsupported_directives(document: DocumentNode) -> bool:
    found = False

    class Collect(Visitor):
        def enter_directive(self, node: DirectiveNode, *_: Any) -> None:
            nonlocal found
            if node.name.value not in ("skip", "include"):
                found = True

    visit(document, Collect())
    return found


# --- execution ------------------------------------------------------------------


async def _settle(pending: list[tuple[Any, Any, Any, Any]]) -> list[Any]:
    """Await every pending value; exceptions come back as values, none is left orphaned."""
    if len(pending) == 1:
        try:
            return [await pending[0][0]]
        except Exception as exc:
            return [exc]
    return await asyncio.gather(*(p[0] for p in pending), return_exceptions=True)


async def run_plan(plan: Plan, context: Any, variables: VariableValues) -> dict[str, Any]:
    """The operation's ``data``; raises :class:`Abandon` when graphql-core must answer.

    Any exception (a resolver's, sync or async, or a value that does not complete) makes
    it abandon, but only after every awaitable already started has settled: nothing is
    left running or unobserved behind the re-execution.
    """
    run = _Run(plan, context, variables)
    failed = False
    data: dict[str, Any] = {}
    try:
        data = _resolve_fields(run, plan.root(variables).fields, None, None)
    except Exception:
        failed = True
    while run.pending:
        batch, run.pending = run.pending, []
        results = await _settle(batch)
        if failed:
            continue  # only settling what was started
        for (_, out, field, path), value in zip(batch, results, strict=True):
            if isinstance(value, BaseException):
                failed = True
                break
            try:
                out[field.key] = _complete(field.completion, run, value, path)
            except Exception:
                failed = True
                break
    if failed:
        raise Abandon
    return data


class QueryRunner:
    """Executes operations for the endpoint and the front ends: planned queries where a
    plan exists, strawberry otherwise (which also vets every document before it is planned).
    """

    def __init__(self, schema: Schema, max_plans: int = MAX_PLANS) -> None:
        self.schema = schema
        self.max_plans = max_plans
        self._plans: OrderedDict[tuple[str, str | None], Plan | None] = OrderedDict()
        self._converted_arguments: dict[Any, dict[str, Any]] = {}
        # "planned", "abandoned" and "strawberry" executions, for tests and operators.
        self.counts: Counter[str] = Counter()

    async def execute(
        self,
        query: str,
        *,
        variable_values: dict[str, Any] | None = None,
        context_value: Any = None,
        operation_name: str | None = None,
        allowed_operation_types: Iterable[OperationType] | None = None,
    ) -> ExecutionResult:
        key = (query, operation_name)
        plan = self._plans.get(key)
        if plan is not None and (
            allowed_operation_types is None or OperationType.QUERY in allowed_operation_types
        ):
            self._plans.move_to_end(key)
            coerced = get_variable_values(
                self.schema._schema,
                plan.operation.variable_definitions or (),
                variable_values or {},
            )
            if isinstance(coerced, VariableValues):
                try:
                    data = await run_plan(plan, context_value, coerced)
                except Abandon:
                    self.counts["abandoned"] += 1
                else:
                    self.counts["planned"] += 1
                    return ExecutionResult(data=data)
        self.counts["strawberry"] += 1
        result = await self.schema.execute(
            query,
            variable_values=variable_values,
            context_value=context_value,
            operation_name=operation_name,
            allowed_operation_types=allowed_operation_types,
        )
        if not result.errors and key not in self._plans:
            try:
                self._remember(key, query, operation_name)
            except Exception:  # a plan is an optimisation: never fail the answer for it
                logger.exception("could not plan operation %r", operation_name)
                self._plans[key] = None
        return result

    def _remember(
        self, key: tuple[str, str | None], query: str, operation_name: str | None
    ) -> None:
        """Compile a document that just ran cleanly; ``None`` marks one that cannot be planned."""
        document = parse(query)
        operation = get_operation_ast(document, operation_name)
        plan: Plan | None = None
        if (
            operation is not None
            and operation.operation == AstOperationType.QUERY
            and not _unsupported_directives(document)
        ):
            plan = Plan(self.schema, document, operation, self._converted_arguments)
        self._plans[key] = plan
        while len(self._plans) > self.max_plans:
            self._plans.popitem(last=False)
