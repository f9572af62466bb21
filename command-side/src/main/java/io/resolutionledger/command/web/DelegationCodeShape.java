package io.resolutionledger.command.web;

import io.resolutionledger.api.value.DelegationCode;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A delegation code such as {@code DE-BY} ({@link DelegationCode#isValid}); null passes (combine with NotNull). */
@Documented
@Constraint(validatedBy = DelegationCodeShape.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface DelegationCodeShape {

    String message() default "must be a delegation code such as DE-BY";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<DelegationCodeShape, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || DelegationCode.isValid(value);
        }
    }
}
