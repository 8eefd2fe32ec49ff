package org.contributionledger.api.openapi;

import java.lang.reflect.RecordComponent;
import java.util.Iterator;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.oas.models.media.Schema;

/**
 * A record component of a primitive type ({@code long}, {@code double}, {@code boolean}, ...) is
 * always written: the document says it is required. (Every other property that is not declared
 * required may be null, see {@link OpenApiDocument#exactSchemas()}.)
 */
@Component
public class PrimitivesAreRequired implements ModelConverter {

    @Override
    @SuppressWarnings("rawtypes")
    public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        if (!chain.hasNext()) {
            return null;
        }
        Schema resolved = chain.next().resolve(type, context, chain);
        JavaType javaType = TypeFactory.defaultInstance().constructType(type.getType());
        Class<?> raw = javaType.getRawClass();
        if (resolved == null || !raw.isRecord()) {
            return resolved;
        }
        String name = resolved.get$ref() != null
                ? resolved.get$ref().substring(resolved.get$ref().lastIndexOf('/') + 1) : resolved.getName();
        Schema model = name != null && context.getDefinedModels().containsKey(name)
                ? context.getDefinedModels().get(name) : resolved;
        if (model.getProperties() == null) {
            return resolved;
        }
        for (RecordComponent component : raw.getRecordComponents()) {
            boolean present = model.getProperties().containsKey(component.getName());
            boolean alreadyRequired = model.getRequired() != null && model.getRequired().contains(component.getName());
            if (component.getType().isPrimitive() && present && !alreadyRequired) {
                model.addRequiredItem(component.getName());
            }
        }
        return resolved;
    }
}
