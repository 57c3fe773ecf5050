"""`{% fragment kind name… %}…{% endfragment %}`: a part of a page rendered once per language and
data version and then read from the shared cache (core/fragments.py). Only for what every visitor
sees alike: nothing personal, no form with a CSRF token."""

from __future__ import annotations

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token

from wijkbasis.core.fragments import cached_fragment

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist: NodeList, kind: FilterExpression, parts: list[FilterExpression]) -> None:
        self.nodelist = nodelist
        self.kind = kind
        self.parts = parts

    def render(self, context: template.Context) -> str:
        kind = str(self.kind.resolve(context))
        parts = [part.resolve(context) for part in self.parts]
        return cached_fragment(kind, parts, lambda: self.nodelist.render(context))


@register.tag("fragment")
def fragment_tag(parser: Parser, token: Token) -> FragmentNode:
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError("{% fragment kind name … %} needs a kind and a name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]])
