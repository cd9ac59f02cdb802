# Deep but within the limits: real scripts nest a few levels, values stay short.
FROM alpine:3.19
ARG A0=0123456789abcdef
ARG A1=${A0}${A0}
ARG A2=${A1}${A1}
ARG A3=${A2}${A2}
ARG A4=${A3}${A3}
ARG A5=${A4}${A4}
ARG A6=${A5}${A5}
ARG A7=${A6}${A6}
ARG A8=${A7}${A7}
ARG A9=${A8}${A8}
ARG A10=${A9}${A9}
ENV PATH=/opt/a/bin:/opt/b/bin:$PATH
ARG V=${A:-${B:-${C:-${D:-fallback}}}}
RUN echo $($($($($($($($($($($($($($($($($($($($($($($($($($($($($($(true))))))))))))))))))))))))))))))
RUN ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( echo "$A10" ) ) ) ) ) ) ) ) ) ) ) ) ) ) ) ) ) ) ) ) ) ) ) ) ) ) ) ) ) )
RUN X=ab; X="$X$X"; X="$X$X"; X="$X$X"; echo "$X"
# a comment about the nesting limit and MC0003
